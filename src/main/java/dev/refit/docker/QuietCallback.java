package dev.refit.docker;

import com.github.dockerjava.api.async.ResultCallback;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream callback that ends quietly on an error. docker-java's own template logs every error of
 * a stream at ERROR with its stack trace, even an answer Refit expects (a container that went away
 * answers 404); the caller reports what that means in one line, so here it is a DEBUG line.
 */
public abstract class QuietCallback<T> extends ResultCallback.Adapter<T> {
  private static final Logger LOG = LoggerFactory.getLogger(QuietCallback.class);

  private volatile Throwable error;

  @Override
  public void onError(Throwable throwable) {
    if (error == null) {
      error = throwable;
    }
    LOG.debug("engine stream ended: {}", EngineMessages.of(throwable));
    try {
      close();
    } catch (IOException ignored) {
      // closing a stream that ended
    }
  }

  /** The error that ended the stream, or {@code null}. */
  public Throwable error() {
    return error;
  }
}
