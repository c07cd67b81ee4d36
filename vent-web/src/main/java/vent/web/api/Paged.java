package vent.web.api;

/** A page of a list: what {@code vent.web.http.PageLinks} turns into a {@code Link} header. */
public interface Paged {

  /**
   * @return the {@code cursor} of the next page, or null on the last page
   */
  String nextCursor();
}
