package org.duallist.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import org.duallist.spreadsheet.ListImportReader;
import org.duallist.spreadsheet.ListImportRow;
import org.junit.jupiter.api.Test;

class ListWorkbookTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    @Test
    void theGeneratedListIsOneTheRegistrationServiceReadsWithoutAProblem() throws Exception {
        ListImportReader.Result read = read(ListWorkbook.write("B7-1", 300, TODAY, 7));

        assertThat(read.problems()).isEmpty();
        assertThat(read.rows()).hasSize(300);
        assertThat(new HashSet<>(read.rows().stream().map(ListImportRow::number).toList())).hasSize(300);
        assertThat(read.rows().get(0).number()).isEqualTo("B7-1-1");
        for (ListImportRow row : read.rows()) {
            assertThat(row.deadline()).isAfter(TODAY).isBeforeOrEqualTo(TODAY.plusDays(ListWorkbook.DEADLINE_DAYS));
            assertThat(ListWorkbook.RESPONSIBLE_UNITS).contains(row.responsibleUnit());
            assertThat(ListWorkbook.REGIONS).contains(row.regionCode());
            assertThat(ListWorkbook.CATEGORIES).contains(row.category());
        }
        // each responsible unit and district is there, so the filtered questions find rows
        assertThat(read.rows().stream().map(ListImportRow::responsibleUnit).distinct()).hasSameSizeAs(ListWorkbook.RESPONSIBLE_UNITS);
        assertThat(read.rows().stream().map(ListImportRow::regionCode).distinct()).hasSameSizeAs(ListWorkbook.REGIONS);
    }

    @Test
    void theSameSeedWritesTheSameList() throws Exception {
        List<ListImportRow> first = read(ListWorkbook.write("B7-1", 50, TODAY, 7)).rows();
        List<ListImportRow> again = read(ListWorkbook.write("B7-1", 50, TODAY, 7)).rows();
        List<ListImportRow> other = read(ListWorkbook.write("B7-1", 50, TODAY, 8)).rows();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    private static ListImportReader.Result read(byte[] workbook) {
        return new ListImportReader().read(new ByteArrayInputStream(workbook));
    }
}
