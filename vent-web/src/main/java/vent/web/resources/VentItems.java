package vent.web.resources;

import dev.vent.post.v1.Vent;
import dev.vent.post.v1.VentPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vent.web.api.PageJson;
import vent.web.api.UserJson;
import vent.web.api.VentJson;

/** Turns the post provider's vents into REST items, with their authors' public profiles. */
final class VentItems {

  private final Profiles profiles;

  VentItems(Profiles profiles) {
    this.profiles = profiles;
  }

  /**
   * A page of vents by any authors, hydrated with one BatchGetUsers call; vents whose author no
   * longer exists (deleted while the page was read) are left out.
   */
  PageJson<VentJson> page(VentPage page) {
    Map<String, UserJson> authors =
        profiles.byIds(page.getVentsList().stream().map(Vent::getAuthorId).distinct().toList());
    List<VentJson> items = new ArrayList<>(page.getVentsCount());
    for (Vent vent : page.getVentsList()) {
      UserJson author = authors.get(vent.getAuthorId());
      if (author != null) {
        items.add(VentJson.of(vent, author));
      }
    }
    return new PageJson<>(items, next(page));
  }

  /** A page of vents by one author, already fetched. */
  static PageJson<VentJson> page(VentPage page, UserJson author) {
    List<VentJson> items =
        page.getVentsList().stream().map(vent -> VentJson.of(vent, author)).toList();
    return new PageJson<>(items, next(page));
  }

  private static String next(VentPage page) {
    return page.getNextCursor().isEmpty() ? null : page.getNextCursor();
  }
}
