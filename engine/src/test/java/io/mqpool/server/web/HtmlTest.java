package io.mqpool.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapeTurnsEveryCharacterThatCouldOpenMarkupOrCloseAnAttributeIntoAnEntity() {
        assertEquals("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;",
                Html.escape("<script>alert('x')</script> & \"q\""));
    }

    @Test
    void placeholdersEscapeTextButTakeHtmlAsIs() {
        Html bold = Html.of("<b>{}</b>", "<i>");
        assertEquals("<p title=\"a&quot;b\"><b>&lt;i&gt;</b>3</p>",
                Html.of("<p title=\"{}\">{}{}</p>", "a\"b", bold, 3).text());
    }

    @Test
    void nullInsertsNothingAndJoinAndWhenCompose() {
        assertEquals("[]", Html.of("[{}]", (Object) null).text());
        assertEquals("ab", Html.join(List.of(Html.of("a"), Html.when(false, Html.of("x")), Html.of("b"))).text());
    }

    @Test
    void aTemplateWhosePlaceholdersAndArgumentsDoNotMatchIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Html.of("{} {}", "one"));
        assertThrows(IllegalArgumentException.class, () -> Html.of("{}", "one", "two"));
    }

    @Test
    void aFieldErrorSitsInItsOwnSlotOnly() {
        FieldErrors errors = new FieldErrors("args", "argument 1: <bad>");
        assertEquals("<p id=\"error-args\" class=\"field-error\" role=\"alert\">argument 1: &lt;bad&gt;</p>",
                errors.slot("args").text());
        assertEquals("", errors.slot("range").text());
    }
}
