package dev.sparkdoc.cli;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every string reachable from a record through record components, collections, maps and optionals. */
final class ModelStrings {

    private ModelStrings() {
    }

    static List<String> of(Object root) throws ReflectiveOperationException {
        List<String> strings = new ArrayList<>();
        collect(root, strings);
        return strings;
    }

    private static void collect(Object value, List<String> strings) throws ReflectiveOperationException {
        if (value instanceof String text) {
            strings.add(text);
        } else if (value instanceof Optional<?> optional) {
            if (optional.isPresent()) {
                collect(optional.get(), strings);
            }
        } else if (value instanceof Iterable<?> items) {
            for (Object item : items) {
                collect(item, strings);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                collect(entry.getKey(), strings);
                collect(entry.getValue(), strings);
            }
        } else if (value != null && value.getClass().isRecord()) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                component.getAccessor().setAccessible(true);
                collect(component.getAccessor().invoke(value), strings);
            }
        }
    }
}
