package org.duallist.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegionCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"150000", "150100", "150102", "110101", "429004"})
    void acceptsProvincesCitiesAndCounties(String code) {
        assertThat(RegionCode.isWellFormed(code)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "15010", "1501000", "15010a", "000000", "990100", "150012"})
    void refusesCodesOutOfShape(String code) {
        assertThat(RegionCode.isWellFormed(code)).isFalse();
    }

    @Test
    void aCityCoversItsCountiesAndAProvinceItsCities() {
        assertThat(RegionCode.covers("150100", "150102")).isTrue();
        assertThat(RegionCode.covers("150100", "150100")).isTrue();
        assertThat(RegionCode.covers("150100", "150202")).isFalse();
        assertThat(RegionCode.covers("150000", "150202")).isTrue();
        assertThat(RegionCode.covers("150102", "150103")).isFalse();
        assertThat(RegionCode.level("150000")).isEqualTo(RegionCode.Level.PROVINCE);
        assertThat(RegionCode.scopePrefix("150100")).isEqualTo("1501");
    }
}
