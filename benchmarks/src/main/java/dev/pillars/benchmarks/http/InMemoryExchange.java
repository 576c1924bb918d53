package dev.pillars.benchmarks.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * A JDK {@link HttpExchange} held in memory, reused request after request: no socket, no parser, so
 * a benchmark of a filter chain measures the filter and the handler only. {@link #reset()} clears
 * what the previous request's handler left (response headers and code), as a new exchange would.
 * Like the JDK server's, {@link #sendResponseHeaders} sets {@code Content-length}.
 */
final class InMemoryExchange extends HttpExchange {

  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8080);
  private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 51000);
  private static final byte[] NO_BODY = new byte[0];

  private final String method;
  private final URI uri;
  private final Headers requestHeaders = new Headers();
  private final Headers responseHeaders = new Headers();
  private final InputStream requestBody = new ByteArrayInputStream(NO_BODY);
  private final OutputStream responseBody = new Discarding();
  private int responseCode = -1;

  InMemoryExchange(String method, String uri) {
    this.method = method;
    this.uri = URI.create(uri);
    requestHeaders.add("Host", "127.0.0.1:8080");
    requestHeaders.add("User-Agent", "wrk");
  }

  /** Forgets the previous response, as a fresh exchange on a keep-alive connection would. */
  InMemoryExchange reset() {
    responseHeaders.clear();
    responseCode = -1;
    return this;
  }

  @Override
  public Headers getRequestHeaders() {
    return requestHeaders;
  }

  @Override
  public Headers getResponseHeaders() {
    return responseHeaders;
  }

  @Override
  public URI getRequestURI() {
    return uri;
  }

  @Override
  public String getRequestMethod() {
    return method;
  }

  @Override
  public HttpContext getHttpContext() {
    return null;
  }

  @Override
  public void close() {}

  @Override
  public InputStream getRequestBody() {
    return requestBody;
  }

  @Override
  public OutputStream getResponseBody() {
    return responseBody;
  }

  @Override
  public void sendResponseHeaders(int code, long length) {
    responseCode = code;
    if (length > 0) {
      responseHeaders.set("Content-length", Long.toString(length));
    }
  }

  @Override
  public InetSocketAddress getRemoteAddress() {
    return REMOTE;
  }

  @Override
  public int getResponseCode() {
    return responseCode;
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    return LOCAL;
  }

  @Override
  public String getProtocol() {
    return "HTTP/1.1";
  }

  @Override
  public Object getAttribute(String name) {
    return null;
  }

  @Override
  public void setAttribute(String name, Object value) {}

  @Override
  public void setStreams(InputStream i, OutputStream o) {}

  @Override
  public HttpPrincipal getPrincipal() {
    return null;
  }

  /** Takes the response body and forgets it; closing it (as each handler does) changes nothing. */
  private static final class Discarding extends OutputStream {
    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
