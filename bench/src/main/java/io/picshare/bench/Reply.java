package io.picshare.bench;

import static java.util.Objects.requireNonNull;

import java.net.http.HttpHeaders;

/**
 * What the API answered: the status, how many body bytes arrived, and the body as text when it was
 * read as text (error responses always are; bulk {@code 2xx} bodies are only counted).
 */
public record Reply(int status, long bodyBytes, String text, HttpHeaders headers) {
  public Reply {
    requireNonNull(text, "text is null");
    requireNonNull(headers, "headers is null");
  }

  public String header(String name) {
    return headers.firstValue(name).orElse("");
  }
}
