package dev.sparkdoc.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/rules/ is generated from the catalog. A catalog change shows up here as a failing diff; run with
 * {@code -Dsparkdoc.updateDocs=true} to rewrite the pages, then review them with git diff.
 */
class RuleDocsTest {

    private static final Path DOCS = Path.of("..", "docs", "rules").toAbsolutePath().normalize();
    private static final boolean UPDATE = Boolean.getBoolean("sparkdoc.updateDocs");

    @Test
    void everyRuleHasItsGeneratedPageAndNoPageIsStale() throws IOException {
        List<Rule> rules = RuleCatalog.builtIn().everyRule();
        if (UPDATE) {
            Files.createDirectories(DOCS);
            for (Rule rule : rules) {
                Files.writeString(DOCS.resolve(rule.id() + ".md"), RuleDocs.page(rule));
            }
            Files.writeString(DOCS.resolve("README.md"), RuleDocs.index(rules));
        }
        for (Rule rule : rules) {
            Path page = DOCS.resolve(rule.id() + ".md");
            assertTrue(Files.exists(page), page + " is missing; run with -Dsparkdoc.updateDocs=true");
            assertEquals(RuleDocs.page(rule), Files.readString(page),
                    page + " differs from the catalog; run with -Dsparkdoc.updateDocs=true and review the diff");
        }
        assertEquals(RuleDocs.index(rules), Files.readString(DOCS.resolve("README.md")));
        List<String> orphans = new ArrayList<>();
        try (Stream<Path> pages = Files.list(DOCS)) {
            pages.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".md") && !name.equals("README.md"))
                    .filter(name -> RuleCatalog.builtIn().rule(name.substring(0, name.length() - 3)).isEmpty())
                    .forEach(orphans::add);
        }
        assertEquals(List.of(), orphans, "pages for rules that are not in the catalog");
    }
}
