package io.outsight.ingest.badinput;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A route of the test server that sends a large body by repeating one block, without ever holding the body in
 * memory, and counts the bytes it managed to write before the client went away. A client that stops reading at its
 * size limit and drops the connection leaves the server with a failed write and a count well below the body's size;
 * a client that reads (or drains) everything lets the server write it all.
 */
final class StreamedBody implements HttpHandler {
    private final int status;
    private final String contentType;
    private final String contentEncoding;
    private final String[] headers;
    private final byte[] block;
    private final long blocks;
    private final boolean declareLength;
    private final AtomicLong written = new AtomicLong();
    private final AtomicBoolean clientLeft = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);

    /**
     * @param contentEncoding a Content-Encoding header, or null for none
     * @param declareLength send a Content-Length (else the body is chunked, its size unknown to the client)
     */
    StreamedBody(String contentType, String contentEncoding, byte[] block, long blocks, boolean declareLength) {
        this(200, contentType, contentEncoding, block, blocks, declareLength);
    }

    /** @param headers more response headers, name and value in turn */
    StreamedBody(int status, String contentType, String contentEncoding, byte[] block, long blocks,
            boolean declareLength, String... headers) {
        this.status = status;
        this.headers = headers.clone();
        this.contentType = contentType;
        this.contentEncoding = contentEncoding;
        this.block = block.clone();
        this.blocks = blocks;
        this.declareLength = declareLength;
    }

    long size() {
        return block.length * blocks;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            if (contentEncoding != null) {
                exchange.getResponseHeaders().set("Content-Encoding", contentEncoding);
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            exchange.sendResponseHeaders(status, declareLength ? size() : 0);
            OutputStream body = exchange.getResponseBody();
            for (long i = 0; i < blocks; i++) {
                body.write(block);
                written.addAndGet(block.length);
            }
            body.close();
        } catch (IOException e) {
            clientLeft.set(true); // the client closed the connection: the write failed
        } finally {
            exchange.close();
            finished.countDown();
        }
    }

    /**
     * Waits until the server stopped sending (it wrote everything, or the client dropped the connection) and
     * returns the bytes it wrote.
     *
     * @throws AssertionError when the server is still sending after the wait: the client keeps the connection open
     */
    long bytesWritten() throws InterruptedException {
        if (!finished.await(20, TimeUnit.SECONDS)) {
            throw new AssertionError("the server is still sending after 20 s (" + written.get()
                    + " bytes so far): the client neither read the body nor closed the connection");
        }
        return written.get();
    }

    boolean clientLeft() {
        return clientLeft.get();
    }
}
