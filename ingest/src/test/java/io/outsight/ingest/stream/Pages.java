package io.outsight.ingest.stream;

/** Small article pages for the stream tests. */
final class Pages {
    private Pages() {}

    /** An article page whose text says {@code words}. */
    static String article(String title, String words) {
        String paragraph = "<p>" + words + " The outsourcing market keeps growing as firms move back-office work "
                + "to specialised providers in India, the Philippines and Poland, analysts said on Monday.</p>";
        return "<!DOCTYPE html><html lang=\"en\"><head><title>" + title + "</title></head><body>"
                + "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><article><h1>" + title + "</h1>"
                + paragraph + paragraph.replace("<p>", "<p>Second paragraph. ") + paragraph.replace("<p>", "<p>Third. ")
                + "</article><footer>© Example News</footer></body></html>";
    }
}
