package io.picshare.media;

/**
 * A WGS 84 position in decimal degrees; latitude is within [-90, 90] and longitude within [-180,
 * 180].
 */
public record GeoPoint(double latitude, double longitude) {
  public GeoPoint {
    if (!(latitude >= -90 && latitude <= 90)) {
      throw new IllegalArgumentException("latitude must be within [-90, 90]: " + latitude);
    }
    if (!(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException("longitude must be within [-180, 180]: " + longitude);
    }
  }
}
