package vent.web.errors;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses request bodies larger than {@code maxBytes} with 413 PAYLOAD_TOO_LARGE: before the
 * resource runs when the Content-Length says so (after reading the body if it is at most {@link
 * #DRAIN_LIMIT_BYTES}), otherwise (chunked bodies) as soon as reading passes the limit.
 */
public final class BodySizeLimitFilter implements Filter {

  private final long maxBytes;
  private final ObjectMapper json;

  /**
   * @param maxBytes largest accepted body, bytes
   * @param json writes the problem body
   */
  public BodySizeLimitFilter(long maxBytes, ObjectMapper json) {
    this.maxBytes = maxBytes;
    this.json = json;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest http)
        || !(response instanceof HttpServletResponse httpResponse)) {
      chain.doFilter(request, response);
      return;
    }
    long length = http.getContentLengthLong();
    if (length > maxBytes) {
      boolean drained = length <= DRAIN_LIMIT_BYTES && drain(http);
      Problem problem = Problems.forStatus(413, http.getRequestURI());
      httpResponse.setStatus(413);
      httpResponse.setContentType(Problem.MEDIA_TYPE);
      if (!drained) {
        // A body this large is not worth reading to keep the connection.
        httpResponse.setHeader("Connection", "close");
      }
      httpResponse.getOutputStream().write(json.writeValueAsBytes(problem));
      return;
    }
    LimitedRequest limited = new LimitedRequest(http, maxBytes);
    chain.doFilter(limited, response);
    // An error answered before the body was read (415, 401, 429, ...) leaves it on the
    // connection, and Jetty would close the connection under a client that may already be sending
    // its next request on it; the body is at most maxBytes, so reading the rest keeps the
    // connection usable. Past the limit, or with the client gone, Jetty closes it, which is right.
    drain(limited);
  }

  /**
   * A body announced larger than the limit but at most this many bytes (1 MiB) is read and
   * discarded before the 413 is sent. Answering and closing while the client is still sending
   * leaves unread bytes in the server's receive buffer, so the kernel resets the connection, and
   * the reset can destroy the 413 before the client reads it: the client sees a broken connection
   * instead of the problem (the reason RFC 9112, section 9.6, asks for a lingering close). A larger
   * body gets its 413 at once, with the connection closed.
   */
  static final long DRAIN_LIMIT_BYTES = 1 << 20;

  /**
   * Reads the rest of the body, discarding it.
   *
   * @return false when reading failed: the client went away, or a {@link LimitedRequest} passed its
   *     limit
   */
  private static boolean drain(HttpServletRequest request) {
    try {
      request.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      return true;
    } catch (IOException | RuntimeException tooLargeOrGone) {
      return false;
    }
  }

  /** A request whose body stream fails with {@link PayloadTooLargeException} past the limit. */
  private static final class LimitedRequest extends HttpServletRequestWrapper {
    private final long maxBytes;
    private ServletInputStream limited;

    LimitedRequest(HttpServletRequest request, long maxBytes) {
      super(request);
      this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (limited == null) {
        limited = new LimitedInputStream(super.getInputStream(), maxBytes);
      }
      return limited;
    }
  }

  private static final class LimitedInputStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long maxBytes;
    private long read;

    LimitedInputStream(ServletInputStream in, long maxBytes) {
      this.in = in;
      this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws PayloadTooLargeException {
      read += n;
      if (read > maxBytes) {
        throw new PayloadTooLargeException(maxBytes);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
