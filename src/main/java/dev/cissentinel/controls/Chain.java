package dev.cissentinel.controls;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The links of one chain as far as the evaluator could follow it, trail first. */
public record Chain(List<Link> links) {

    public Chain {
        links = List.copyOf(links);
    }

    public static Chain empty() {
        return new Chain(List.of());
    }

    public Chain with(Link link) {
        List<Link> longer = new ArrayList<>(links);
        longer.add(link);
        return new Chain(longer);
    }

    public Optional<Link> find(Link.Kind kind) {
        return links.stream().filter(link -> link.kind() == kind).findFirst();
    }

    /** "trail → log group → filter …" by name, for one-line displays. */
    public String describe() {
        return String.join(" → ", links.stream().map(Link::name).toList());
    }
}
