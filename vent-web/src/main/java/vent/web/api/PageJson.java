package vent.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One page of a list, newest first: {@code {items: [...], nextCursor: "..." | null}}.
 *
 * @param items this page
 * @param nextCursor pass as {@code cursor} to get the next page; null on the last page (also sent
 *     as {@code Link: <...>; rel="next"}, {@code vent.web.http.PageLinks})
 */
public record PageJson<T>(List<T> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor)
    implements Paged {}
