package org.picomesh.directory.api;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Numbers in paths and query strings as people write them: decimal digits. Spring's own number parsing also reads
 * {@code 0x10} as sixteen and {@code 1 2}, {@code 1d} or {@code NaN} as doubles, and falls back to it even when a
 * converter refused; these editors come first, so such values are 400s naming the parameter.
 */
@ControllerAdvice
class StrictNumbers {
    private static final Pattern WHOLE = Pattern.compile("[-+]?[0-9]{1,19}");
    /** What a browser's number input may hold: 12, 12.5, .5, 5., 1e3. */
    private static final Pattern DECIMAL = Pattern.compile(
            "[-+]?([0-9]{1,30}(\\.[0-9]{0,30})?|\\.[0-9]{1,30})([eE][-+]?[0-9]{1,3})?");

    @InitBinder
    void strictNumbers(WebDataBinder binder) {
        binder.registerCustomEditor(Long.class, editor(text -> Long.valueOf(whole(text))));
        binder.registerCustomEditor(long.class, editor(text -> Long.valueOf(whole(text))));
        binder.registerCustomEditor(Integer.class, editor(text -> Integer.valueOf(whole(text))));
        binder.registerCustomEditor(int.class, editor(text -> Integer.valueOf(whole(text))));
        binder.registerCustomEditor(Double.class, editor(StrictNumbers::decimal));
        binder.registerCustomEditor(double.class, editor(StrictNumbers::decimal));
    }

    private static PropertyEditorSupport editor(Function<String, Object> parse) {
        return new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                setValue(text == null || text.isBlank() ? null : parse.apply(text.strip()));
            }
        };
    }

    static String whole(String text) {
        if (!WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("not a whole decimal number: " + text);
        }
        return text;
    }

    static Double decimal(String text) {
        double value = DECIMAL.matcher(text).matches() ? Double.parseDouble(text) : Double.NaN;
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite decimal number: " + text);
        }
        return value;
    }
}
