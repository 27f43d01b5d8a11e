package org.duallist.supervision.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.duallist.platform.time.BusinessClock;
import org.duallist.supervision.messaging.EvaluationReport;
import org.duallist.supervision.messaging.SupervisionEvaluator;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Runs one evaluation pass now, for the tests and the demo loader after they moved the business
 * clock. Answers 404 wherever the clock is fixed to real time, as in every deployment, where the
 * schedule alone evaluates.
 */
@Path("/admin/supervision/evaluation")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Tag(name = "Business clock (业务时钟)", description = "Local stack and tests only")
public class SupervisionEvaluationResource {

    private final SupervisionEvaluator evaluator;
    private final BusinessClock clock;

    SupervisionEvaluationResource(SupervisionEvaluator evaluator, BusinessClock clock) {
        this.evaluator = evaluator;
        this.clock = clock;
    }

    @POST
    @Operation(summary = "预警 and 督办单 now: evaluate every supervised task for the business clock's today; answers what was emitted")
    public EvaluationReport evaluate() {
        if (!clock.isAdjustable()) {
            throw new NotFoundException("the business clock is fixed here; supervision runs on its schedule only");
        }
        return evaluator.evaluateAll();
    }
}
