package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void controlCharactersAreShownAsEscapes() {
        assertEquals("a\\e[31mb\\nc\\rd\\te\\x07f\\x7fg\\x9bh", Messages.printable(
                "a\u001b[31mb\nc\rd\te\u0007f\u007fg\u009bh"));
        String plain = "caf\u00e9 /tmp/log \u65e5\u672c";
        assertSame(plain, Messages.printable(plain), "printable text is returned as it is");
    }

    @Test
    void theErrorWriterEscapesEachMessageButNotItsLineEnd() {
        StringWriter buffer = new StringWriter();
        Messages.ErrorWriter err = new Messages.ErrorWriter(buffer);
        err.println("sparkdoc: two\nlines: no such file");
        err.print("\rprogress");
        err.flush();
        assertEquals("sparkdoc: two\\nlines: no such file" + System.lineSeparator() + "\rprogress",
                buffer.toString());
    }
}
