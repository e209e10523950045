package io.picshare.media;

/** The image formats PicShare accepts, with the MIME type and file extension they are served as. */
public enum ImageFormat {
  JPEG("image/jpeg", "jpg"),
  PNG("image/png", "png"),
  GIF("image/gif", "gif"),
  WEBP("image/webp", "webp");

  private final String mimeType;
  private final String extension;

  ImageFormat(String mimeType, String extension) {
    this.mimeType = mimeType;
    this.extension = extension;
  }

  /** The media type for {@code Content-Type} headers, e.g. {@code image/jpeg}. */
  public String mimeType() {
    return mimeType;
  }

  /** The conventional file extension without the dot, e.g. {@code jpg}. */
  public String extension() {
    return extension;
  }
}
