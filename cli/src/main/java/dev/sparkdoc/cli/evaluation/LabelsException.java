package dev.sparkdoc.cli.evaluation;

/** A labels file or directory that cannot be used; the message names the file and what is wrong. */
public final class LabelsException extends Exception {

    public LabelsException(String message) {
        super(message);
    }
}
