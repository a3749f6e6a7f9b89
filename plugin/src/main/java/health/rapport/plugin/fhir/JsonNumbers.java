package health.rapport.plugin.fhir;

/**
 * Finds, in one pass over a JSON text's bytes, a number written with an exponent of more than
 * {@value #MAX_EXPONENT_DIGITS} digits ({@code 1e999999}). HAPI's JSON parser turns such a number into
 * its plain decimal digits and reads them back, which costs time quadratic in the exponent: 18 s of CPU
 * for the 10 characters {@code 1e999999}, far more for a longer one, while no FHIR decimal needs an
 * exponent beyond {@code ±999} (a double ends at 1e308). Bodies holding one are refused before HAPI
 * parses them. Letters inside strings do not count; syntax is not judged here.
 */
public final class JsonNumbers {

    /** Exponents up to ±999 pass. */
    public static final int MAX_EXPONENT_DIGITS = 3;

    private JsonNumbers() {
    }

    /** Whether {@code json} (UTF-8) holds a number whose exponent has more than {@value #MAX_EXPONENT_DIGITS} digits. */
    public static boolean hugeExponent(byte[] json) {
        boolean[] inNumber = {false};
        return JsonBytes.anyOutsideStrings(json, (text, i) -> {
            byte b = text[i];
            if (b == '-' || (b >= '0' && b <= '9') || b == '.' || b == '+') {
                inNumber[0] = true;
            } else if ((b == 'e' || b == 'E') && inNumber[0]) {
                return exponentDigits(text, i + 1) > MAX_EXPONENT_DIGITS;
            } else {
                inNumber[0] = false;
            }
            return false;
        });
    }

    /** The significant digits of the exponent starting at {@code from} (after an optional sign, leading zeros skipped). */
    private static int exponentDigits(byte[] json, int from) {
        int i = from;
        if (i < json.length && (json[i] == '+' || json[i] == '-')) {
            i++;
        }
        while (i < json.length && json[i] == '0') {
            i++;
        }
        int digits = 0;
        while (i < json.length && json[i] >= '0' && json[i] <= '9') {
            digits++;
            i++;
        }
        return digits;
    }
}
