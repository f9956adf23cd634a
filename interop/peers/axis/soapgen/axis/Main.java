package soapgen.axis;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.apache.axis.configuration.XMLStringProvider;
import org.apache.axis.transport.http.SimpleAxisServer;

/**
 * Axis 1.4's standalone SimpleAxisServer on 127.0.0.1 with {@link Library} deployed as an
 * rpc/encoded service at /axis/services/Library. Usage: Main [PORT] (0 or none: the OS
 * chooses). Prints "READY port" once listening; exits when stdin closes.
 */
public final class Main {
  private static final String WSDD =
      "<deployment xmlns='http://xml.apache.org/axis/wsdd/'"
          + " xmlns:java='http://xml.apache.org/axis/wsdd/providers/java'>"
          + "<handler name='URLMapper' type='java:org.apache.axis.handlers.http.URLMapper'/>"
          + "<service name='Library' provider='java:RPC' style='rpc' use='encoded'>"
          + "<namespace>urn:soapgen:axis</namespace>"
          + "<parameter name='className' value='soapgen.axis.Library'/>"
          + "<parameter name='allowedMethods' value='*'/>"
          + "<beanMapping qname='ns:Book' xmlns:ns='urn:soapgen:axis'"
          + " languageSpecificType='java:soapgen.axis.Book'/>"
          + "<beanMapping qname='ns:Author' xmlns:ns='urn:soapgen:axis'"
          + " languageSpecificType='java:soapgen.axis.Author'/>"
          + "</service>"
          + "<transport name='http'><requestFlow><handler type='URLMapper'/></requestFlow></transport>"
          + "</deployment>";

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    SimpleAxisServer server = new SimpleAxisServer(8);
    server.setMyConfig(new XMLStringProvider(WSDD));
    server.setServerSocket(new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1")));
    server.start(true);
    System.out.println("READY " + server.getServerSocket().getLocalPort());
    System.out.flush();
    while (System.in.read() != -1) {}
    System.exit(0);
  }
}
