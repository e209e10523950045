package io.picshare.api.http;

import io.picshare.api.config.AdminConfig;
import io.picshare.api.config.HttpConfig;
import io.picshare.api.config.TimeoutConfig;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.concurrent.TimeUnit;

/**
 * The options of the public and the admin HTTP servers. Both speak HTTP/1.1 only (no cleartext
 * HTTP/2 upgrade, no compression) and close connections idle for {@code idle-timeout-seconds}.
 */
public final class ServerOptions {
  private ServerOptions() {}

  public static HttpServerOptions publicServer(HttpConfig http, TimeoutConfig timeouts) {
    HttpServerOptions options =
        common(timeouts)
            .setHost(http.host())
            .setPort(http.port())
            .addWebSocketSubProtocol(StreamRoutes.SUBPROTOCOL);
    if (http.tls()) {
      options
          .setSsl(true)
          .setKeyCertOptions(
              new PemKeyCertOptions()
                  .setCertPath(http.tlsCertificate().orElseThrow().toString())
                  .setKeyPath(http.tlsKey().orElseThrow().toString()));
    }
    return options;
  }

  public static HttpServerOptions adminServer(AdminConfig admin, TimeoutConfig timeouts) {
    return common(timeouts).setHost(admin.host()).setPort(admin.port());
  }

  private static HttpServerOptions common(TimeoutConfig timeouts) {
    return new HttpServerOptions()
        .setCompressionSupported(false)
        .setHttp2ClearTextEnabled(false)
        .setIdleTimeout(Math.toIntExact(timeouts.idleTimeout().toMillis()))
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
  }
}
