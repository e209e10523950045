package io.picshare.api.http;

import io.picshare.api.config.WebAppConfig;
import io.picshare.api.domain.error.PicShareException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The web app (read role): its page at each of the app's paths, {@code Cache-Control: no-cache} so
 * a new release shows at the next load, and its content-hashed assets under {@code /assets/},
 * cached for a year as immutable. Every answer carries a Content-Security-Policy that allows
 * scripts and styles from this origin only (none inline), images from here (and the page's own
 * previews), connections here and to the write origin, and Trusted Types with no policy, so no
 * string can ever become markup or script.
 */
final class WebAppRoutes {
  /** The paths of the app's views (web-app's main.js routes the same). */
  static final List<String> PAGES =
      List.of(
          "/",
          "/login",
          "/signup",
          "/upload",
          "/search",
          "/photos/:id",
          "/users/:username",
          "/users/:username/followers",
          "/users/:username/following");

  static final String ASSETS_CACHE = "public, max-age=31536000, immutable";

  private final WebAppBundle bundle;
  private final WebAppBundle.Asset page;
  private final String contentSecurityPolicy;

  WebAppRoutes(WebAppBundle bundle, WebAppConfig config, long maxUploadBytes) {
    this.bundle = bundle;
    this.page =
        bundle.page(
            Map.of(
                "write-url", config.writeOrigin().orElse(""),
                "max-upload-bytes", Long.toString(maxUploadBytes)));
    this.contentSecurityPolicy = contentSecurityPolicy(config);
  }

  static String contentSecurityPolicy(WebAppConfig config) {
    return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:;"
        + " connect-src 'self'"
        + config.writeOrigin().map(origin -> " " + origin).orElse("")
        + "; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none';"
        + " require-trusted-types-for 'script'; trusted-types 'none'";
  }

  void mount(Router router) {
    PAGES.forEach(path -> router.get(path).handler(ctx -> send(ctx, page, "no-cache")));
    router.get("/assets/:name").handler(this::asset);
  }

  private void asset(RoutingContext ctx) {
    WebAppBundle.Asset asset =
        bundle
            .asset(ctx.pathParam("name"))
            .orElseThrow(() -> PicShareException.notFound("no asset at " + ctx.request().path()));
    send(ctx, asset, ASSETS_CACHE);
  }

  private void send(RoutingContext ctx, WebAppBundle.Asset asset, String cacheControl) {
    HttpServerResponse response = ctx.response();
    response
        .putHeader("Content-Security-Policy", contentSecurityPolicy)
        .putHeader("Referrer-Policy", "same-origin")
        .putHeader("Cache-Control", cacheControl)
        .putHeader("ETag", asset.etag())
        .putHeader("Content-Type", asset.contentType());
    if (asset.gzipped().isPresent()) {
      response.putHeader("Vary", "Accept-Encoding");
    }
    if (PhotoRoutes.matches(ctx.request().getHeader("If-None-Match"), asset.etag())) {
      response.setStatusCode(304).end();
    } else if (asset.gzipped().isPresent()
        && acceptsGzip(ctx.request().getHeader("Accept-Encoding"))) {
      response.putHeader("Content-Encoding", "gzip").end(asset.gzipped().get());
    } else {
      response.end(asset.bytes());
    }
  }

  /** Whether an {@code Accept-Encoding} value takes gzip (not with {@code q=0}). */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String coding : acceptEncoding.split(",")) {
      String[] parts = coding.strip().toLowerCase(Locale.ROOT).split(";");
      if (parts[0].strip().equals("gzip")) {
        for (int i = 1; i < parts.length; i++) {
          String parameter = parts[i].replace(" ", "");
          if (parameter.matches("q=0(\\.0{0,3})?")) {
            return false;
          }
        }
        return true;
      }
    }
    return false;
  }
}
