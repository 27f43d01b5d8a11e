package org.duallist.registration.rest;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "销号: an optional note of the office")
public record CloseTaskRequest(@Size(max = 1000) String note) {
}
