package soapgen.metro;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import javax.xml.ws.Endpoint;
import javax.xml.ws.handler.Handler;
import javax.xml.ws.soap.SOAPBinding;

/**
 * Serves {@link Interop} over SOAP 1.1 at /soap11 and SOAP 1.2 at /soap12 on 127.0.0.1, and
 * {@link soapgen.metro.mtom.Files} (MTOM) at /mtom11 and /mtom12, and
 * {@link soapgen.metro.secure.Secure} behind WSS4J at /secure11 and /secure12, and
 * {@link soapgen.metro.addressed.Addressed} (WS-Addressing required) at /addressed11 and 12.
 * Usage: Main [PORT] (0 or none: the OS chooses). Prints "READY port" once listening and
 * exits when stdin closes, like the other peers.
 */
public final class Main {
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    Endpoint.create(SOAPBinding.SOAP11HTTP_BINDING, new Interop())
        .publish(server.createContext("/soap11"));
    Endpoint.create(SOAPBinding.SOAP12HTTP_BINDING, new Interop())
        .publish(server.createContext("/soap12"));
    Endpoint.create(SOAPBinding.SOAP11HTTP_BINDING, new soapgen.metro.mtom.Files())
        .publish(server.createContext("/mtom11"));
    Endpoint.create(SOAPBinding.SOAP12HTTP_BINDING, new soapgen.metro.mtom.Files())
        .publish(server.createContext("/mtom12"));
    for (String version : new String[] {"11", "12"}) {
      Endpoint secure = Endpoint.create(
          version.equals("11") ? SOAPBinding.SOAP11HTTP_BINDING : SOAPBinding.SOAP12HTTP_BINDING,
          new soapgen.metro.secure.Secure());
      List<Handler> chain = new ArrayList<>();
      chain.add(new soapgen.metro.secure.UsernameTokenCheck());
      secure.getBinding().setHandlerChain(chain);
      secure.publish(server.createContext("/secure" + version));
    }
    Endpoint.create(SOAPBinding.SOAP11HTTP_BINDING, new soapgen.metro.addressed.Addressed())
        .publish(server.createContext("/addressed11"));
    Endpoint.create(SOAPBinding.SOAP12HTTP_BINDING, new soapgen.metro.addressed.Addressed())
        .publish(server.createContext("/addressed12"));
    server.start();
    System.out.println("READY " + server.getAddress().getPort());
    System.out.flush();
    while (System.in.read() != -1) {}
    System.exit(0);
  }
}
