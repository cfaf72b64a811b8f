package io.greenhouse.test.internal.net;

import java.net.InetSocketAddress;

/**
 * A TCP connection: two endpoints and the two directions between them. The server endpoint exists once
 * the client's SYN has reached a listener.
 *
 * <p>Threading: the simulation's thread only.
 */
final class TcpConnection {
    final Network net;                 // immutable
    final long id;                     // immutable; per network, in the order connections were opened
    final InetSocketAddress clientAddress;  // immutable
    final InetSocketAddress serverAddress;  // immutable
    final String label;                // immutable; "tcp#1 client:port>server:port"
    final String reverseLabel;         // immutable
    final Channel toServer;            // immutable
    final Channel toClient;            // immutable
    TcpEndpoint client;                // owner thread; set once
    TcpEndpoint server;                // owner thread; set when the SYN is accepted by a listener
    TcpListener listener;              // owner thread; the listener that took the SYN

    TcpConnection(Network net, long id, NetHost clientHost, InetSocketAddress clientAddress, NetHost serverHost,
                  InetSocketAddress serverAddress) {
        this.net = net;
        this.id = id;
        this.clientAddress = clientAddress;
        this.serverAddress = serverAddress;
        String c = Network.text(clientAddress);
        String s = Network.text(serverAddress);
        this.label = "tcp#" + id + " " + c + ">" + s;
        this.reverseLabel = "tcp#" + id + " " + s + ">" + c;
        this.toServer = new Channel(this, clientHost, serverHost, true);
        this.toClient = new Channel(this, serverHost, clientHost, false);
    }
}
