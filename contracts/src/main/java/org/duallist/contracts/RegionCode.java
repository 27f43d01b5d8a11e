package org.duallist.contracts;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A GB/T 2260 administrative division code: six digits, PP CC DD = province, city, county.
 * {@code 150000} is a province (内蒙古自治区), {@code 150100} a city (呼和浩特市), {@code 150102}
 * a county or district (新城区). A city's scope includes its counties, a province's everything in it.
 */
public final class RegionCode {

    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
    private static final Set<String> PROVINCES = Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
            "71", "81", "82");

    public enum Level { PROVINCE, CITY, COUNTY }

    private RegionCode() {
    }

    /** Six digits, a known province prefix, and no county part under a missing city part. */
    public static boolean isWellFormed(String code) {
        if (code == null || !SIX_DIGITS.matcher(code).matches() || !PROVINCES.contains(code.substring(0, 2))) {
            return false;
        }
        return !(code.startsWith("00", 2) && !code.startsWith("00", 4));
    }

    public static Level level(String code) {
        if (code.endsWith("0000")) {
            return Level.PROVINCE;
        }
        return code.endsWith("00") ? Level.CITY : Level.COUNTY;
    }

    /** The prefix every code within the region's scope starts with. */
    public static String scopePrefix(String code) {
        return switch (level(code)) {
            case PROVINCE -> code.substring(0, 2);
            case CITY -> code.substring(0, 4);
            case COUNTY -> code;
        };
    }

    /** Whether {@code candidate} lies within {@code scope} (itself, or below it). */
    public static boolean covers(String scope, String candidate) {
        return candidate.startsWith(scopePrefix(scope));
    }
}
