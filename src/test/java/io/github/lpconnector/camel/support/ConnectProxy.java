package io.github.lpconnector.camel.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP proxy on loopback that only tunnels ({@code CONNECT host:port}), as corporate proxies do for https: it
 * records each request line, connects to 127.0.0.1 on the requested port, answers 200 and copies bytes both ways.
 */
public final class ConnectProxy implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> requestLines = new CopyOnWriteArrayList<>();

    public ConnectProxy() throws IOException {
        server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        daemon("connect-proxy-accept", this::accept).start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The request lines received, e.g. {@code CONNECT localhost:8443 HTTP/1.1}. */
    public List<String> requestLines() {
        return requestLines;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                daemon("connect-proxy-tunnel", () -> tunnel(client)).start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void tunnel(Socket client) {
        try (client) {
            String head = readHead(client.getInputStream());
            String requestLine = head.lines().findFirst().orElse("");
            requestLines.add(requestLine);
            String[] parts = requestLine.split(" ");
            if (parts.length != 3 || !parts[0].equals("CONNECT")) {
                client.getOutputStream().write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                return;
            }
            int port = Integer.parseInt(parts[1].substring(parts[1].lastIndexOf(':') + 1));
            try (Socket target = new Socket(InetAddress.getLoopbackAddress(), port)) {
                client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                Thread up = daemon("connect-proxy-up", () -> copy(client, target));
                up.start();
                copy(target, client);
                up.join(5000);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the client or the target went away: the tunnel ends
        }
    }

    /** The request head, up to and with the blank line, read byte by byte so that nothing after it is consumed. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lastFour = 0;
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            lastFour = (lastFour << 8) | b;
            if (lastFour == 0x0D0A0D0A) { // CR LF CR LF
                return head.toString(StandardCharsets.US_ASCII);
            }
        }
        throw new IOException("connection closed in the request head");
    }

    private static void copy(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
