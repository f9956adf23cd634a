package soapgen.metro.secure;

import javax.annotation.Resource;
import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebService;
import javax.xml.ws.WebServiceContext;

/** Behind {@link UsernameTokenCheck}: only requests WSS4J accepted reach it. */
@WebService(
    serviceName = "MetroSecure",
    portName = "MetroSecurePort",
    targetNamespace = "urn:soapgen:metro:secure")
public class Secure {
  @Resource private WebServiceContext context;

  /** The user WSS4J authenticated, and the message sent. */
  @WebMethod
  public String whoAmI(@WebParam(name = "message") String message) {
    return context.getMessageContext().get(UsernameTokenCheck.USER) + ": " + message;
  }
}
