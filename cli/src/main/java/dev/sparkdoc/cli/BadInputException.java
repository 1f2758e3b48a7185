package dev.sparkdoc.cli;

/** Input sparkdoc cannot use; reported as one line with exit code 3. */
final class BadInputException extends RuntimeException {
    BadInputException(String message) {
        super(message);
    }
}
