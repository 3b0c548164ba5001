package dev.realtime.socketio.protocol;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import tools.jackson.core.io.NumberOutput;
import tools.jackson.databind.JsonNode;

/**
 * Writes JSON numbers as JavaScript's {@code JSON.stringify} does
 * ({@code Number::toString} in ECMA-262), so that {@code 1.0} is written {@code 1},
 * {@code 1e21} is written {@code 1e+21} and non-finite values are written {@code null}.
 * Integral nodes keep all their digits.
 */
final class JsNumberFormatter {

	private static final MathContext ONE_DIGIT = new MathContext(1, RoundingMode.HALF_EVEN);

	private JsNumberFormatter() {
	}

	/**
	 * Append the given number node to the given output.
	 */
	static void append(StringBuilder out, JsonNode number) {
		switch (number.numberType()) {
			case INT, LONG -> out.append(number.longValue());
			case BIG_INTEGER -> out.append(number.bigIntegerValue());
			case FLOAT -> appendFloat(out, number.floatValue());
			case DOUBLE -> appendDouble(out, number.doubleValue());
			default -> appendDecimal(out, number.decimalValue());
		}
	}

	private static void appendDouble(StringBuilder out, double value) {
		if (!Double.isFinite(value)) {
			out.append("null");
		}
		else if (value == 0) {
			out.append('0');
		}
		else {
			appendDecimal(out, shortestDecimal(value));
		}
	}

	/**
	 * Return the decimal with the fewest significant digits that reads back as the given
	 * value, as ECMA-262 requires. The fast writer already gives the shortest
	 * representation, except that it may use two digits where one suffices (such as
	 * {@code 4.9E-324}).
	 */
	private static BigDecimal shortestDecimal(double value) {
		BigDecimal decimal = new BigDecimal(NumberOutput.toString(value, true)).stripTrailingZeros();
		if (decimal.precision() == 2) {
			BigDecimal oneDigit = decimal.round(ONE_DIGIT);
			if (Double.parseDouble(oneDigit.toString()) == value) {
				return oneDigit;
			}
		}
		return decimal;
	}

	private static void appendFloat(StringBuilder out, float value) {
		if (!Float.isFinite(value)) {
			out.append("null");
		}
		else if (value == 0) {
			out.append('0');
		}
		else {
			appendDecimal(out, new BigDecimal(NumberOutput.toString(value, true)));
		}
	}

	static void appendDecimal(StringBuilder out, BigDecimal value) {
		if (value.signum() == 0) {
			out.append('0');
			return;
		}
		if (value.signum() < 0) {
			out.append('-');
		}
		BigDecimal magnitude = value.abs().stripTrailingZeros();
		String digits = magnitude.unscaledValue().toString();
		int k = digits.length();
		// value = digits x 10^(n - k), as in ECMA-262 Number::toString
		long n = k - (long) magnitude.scale();
		if (k <= n && n <= 21) {
			out.append(digits);
			appendZeros(out, n - k);
		}
		else if (0 < n && n <= 21) {
			out.append(digits, 0, (int) n).append('.').append(digits, (int) n, k);
		}
		else if (-6 < n && n <= 0) {
			out.append("0.");
			appendZeros(out, -n);
			out.append(digits);
		}
		else {
			out.append(digits.charAt(0));
			if (k > 1) {
				out.append('.').append(digits, 1, k);
			}
			out.append('e').append((n - 1 < 0) ? '-' : '+').append(Math.abs(n - 1));
		}
	}

	private static void appendZeros(StringBuilder out, long count) {
		for (long i = 0; i < count; i++) {
			out.append('0');
		}
	}

}
