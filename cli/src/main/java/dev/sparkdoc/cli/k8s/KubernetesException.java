package dev.sparkdoc.cli.k8s;

/**
 * The Kubernetes side cannot answer: no kubeconfig, the API server unreachable, access forbidden, the application
 * not found. Reported as one line (what, where, what to do) with exit code 3.
 */
public final class KubernetesException extends RuntimeException {
    public KubernetesException(String message) {
        super(message);
    }

    /** With the client's exception as the cause, for {@code --debug}. */
    public KubernetesException(String message, Throwable cause) {
        super(message, cause);
    }
}
