package org.duallist.registration.rest;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.duallist.contracts.Actor;
import org.duallist.contracts.Contact;
import org.duallist.contracts.RegionCode;
import org.duallist.platform.domain.FieldError;
import org.duallist.platform.domain.InvalidFieldsException;
import org.duallist.platform.time.BusinessClock;
import org.duallist.registration.command.FileTaskCommand;
import org.duallist.registration.command.RegisterTaskCommand;
import org.duallist.registration.command.Task;
import org.duallist.registration.command.TaskStatus;
import org.duallist.registration.command.TaskView;
import org.duallist.registration.query.TaskStateLookup;
import org.duallist.spreadsheet.ListImportLayout;
import org.duallist.spreadsheet.ListImportProblem;
import org.duallist.spreadsheet.ListImportReader;
import org.duallist.spreadsheet.ListImportRow;

/**
 * Imports a year's list (导入年度清单) for the office of a region: every row is judged first, by the
 * spreadsheet's form and by the rules registration itself applies, and a file with any bad row
 * files nothing. Then each row is filed on its requester's behalf and registered, through the same
 * commands as the API, under an id made from its list, region, year and 编号, so that the same
 * file uploaded again files nothing twice (and finishes what an interrupted upload left).
 */
@ApplicationScoped
public class ListImporter {

    private static final Map<String, String> COLUMN_OF_FIELD = Map.of(
            "deadline", ListImportLayout.DEADLINE,
            "coUnits", ListImportLayout.CO_UNITS,
            "responsibleUnit", ListImportLayout.RESPONSIBLE);

    private final CommandGateway commands;
    private final TaskStateLookup tasks;
    private final BusinessClock clock;
    private final RecentReadings readings = new RecentReadings();

    ListImporter(CommandGateway commands, TaskStateLookup tasks, BusinessClock clock) {
        this.commands = commands;
        this.tasks = tasks;
        this.clock = clock;
    }

    /**
     * What an import did, row by row.
     *
     * @param rows  how many items the file holds (all judged, whatever part was imported)
     * @param from  the first item imported (0 for the first in the file: list sheets in order, rows top down)
     */
    public record Report(String region, int year, int rows, int from, int filed, int alreadyFiled, List<Item> items) {
    }

    /**
     * Which part of a judged file to import: all of it, none (only judge it), or {@code count}
     * items from item {@code from}, so that a client can import a long list in steps and show
     * progress; every step judges the whole file again, so a bad file files nothing in any step.
     */
    public record Part(int from, Integer count, boolean judgeOnly) {
        public static final Part ALL = new Part(0, null, false);
    }

    /** One row: where it was, its 编号, the task it is, and whether this import filed it or found it filed. */
    public record Item(String sheet, int row, String number, UUID taskId, boolean filed) {
    }

    /** The task a row becomes: the same for the same list, region, year and 编号, whoever uploads it and how often. */
    public static UUID taskId(ListImportRow row, String region, int year) {
        return UUID.nameUUIDFromBytes(("dual-list:list-import:" + row.list() + ":" + region + ":" + year + ":" + row.number())
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws InvalidFieldsException naming each bad cell ("拥军优属清单 第5行 完成时限") when any row is bad;
     *                                then nothing was filed
     */
    public Report importList(byte[] file, String region, int year, Actor office, Part part) {
        ListImportReader.Result read = readings.read(file);
        List<FieldError> errors = new ArrayList<>();
        read.problems().forEach(problem -> errors.add(error(problem)));
        LocalDate today = clock.today();
        for (ListImportRow row : read.rows()) {
            String rowRegion = regionOf(row, region);
            if (!RegionCode.covers(region, rowRegion)) {
                errors.add(error(new ListImportProblem(ListImportLayout.sheetName(row.list()), row.row(), ListImportLayout.REGION,
                        "region " + rowRegion + " is outside the imported region " + region)));
            }
            if (row.responsibleUnit() != null && row.deadline() != null) {
                for (FieldError error : Task.assignmentErrors(row.responsibleUnit(), row.coUnits(), row.deadline(), clock.now())) {
                    errors.add(error(new ListImportProblem(ListImportLayout.sheetName(row.list()), row.row(),
                            COLUMN_OF_FIELD.getOrDefault(error.field(), error.field()), error.message())));
                }
            }
        }
        if (read.rows().isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError("文件", "holds no items; fill in the rows below the header (the template's row "
                    + (ListImportLayout.HEADER_ROW + 2) + " on)"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidFieldsException(errors);
        }

        List<Item> items = new ArrayList<>();
        int filed = 0;
        int from = Math.min(part.from(), read.rows().size());
        int to = part.judgeOnly() ? from
                : part.count() == null ? read.rows().size() : Math.min(read.rows().size(), from + part.count());
        for (ListImportRow row : read.rows().subList(from, to)) {
            String rowRegion = regionOf(row, region);
            UUID id = taskId(row, rowRegion, year);
            TaskStatus status = statusOf(id);
            if (status == null) {
                commands.sendAndWait(new FileTaskCommand(id, row.list(), rowRegion, year, row.title(), row.content(),
                        row.category(), row.requesterUnit(), new Contact(row.contactName(), row.contactPhone()), clock.now(), office));
                status = TaskStatus.SUBMITTED;
            }
            boolean registering = status == TaskStatus.SUBMITTED;
            if (registering) {
                commands.sendAndWait(new RegisterTaskCommand(id, row.responsibleUnit(), row.coUnits(), row.deadline(),
                        row.qualityRequirement(), clock.now(), office));
                filed++;
            }
            items.add(new Item(ListImportLayout.sheetName(row.list()), row.row(), row.number(), id, registering));
        }
        return new Report(region, year, read.rows().size(), from, filed, items.size() - filed, items);
    }

    /**
     * The last few files read, by their SHA-256: a client importing a long list in steps sends the
     * same file each time, and reading a workbook costs far more than judging its rows again. Two are
     * kept: the rows of a full file (20,000 items) take about 24 MB of the heap.
     */
    private static final class RecentReadings {
        private static final int KEPT = 2;
        private static final Duration FRESH = Duration.ofMinutes(15);

        private record Reading(ListImportReader.Result result, Instant readAt) {
        }

        private final Map<String, Reading> byDigest = new LinkedHashMap<>(KEPT * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Reading> eldest) {
                return size() > KEPT;
            }
        };

        synchronized ListImportReader.Result read(byte[] file) {
            String digest = digest(file);
            Reading kept = byDigest.get(digest);
            if (kept != null && kept.readAt().plus(FRESH).isAfter(Instant.now())) {
                return kept.result();
            }
            ListImportReader.Result result = new ListImportReader().read(new ByteArrayInputStream(file));
            byDigest.put(digest, new Reading(result, Instant.now()));
            return result;
        }

        private static String digest(byte[] file) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java has SHA-256", e);
            }
        }
    }

    private static String regionOf(ListImportRow row, String region) {
        return row.regionCode() != null ? row.regionCode() : region;
    }

    private TaskStatus statusOf(UUID id) {
        return tasks.findIfFiled(id).map(TaskView::status).orElse(null);
    }

    private static FieldError error(ListImportProblem problem) {
        return new FieldError(problem.where(), problem.message());
    }
}
