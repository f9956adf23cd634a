package soapgen.metro;

import javax.xml.ws.WebFault;

/** A checked exception: JAX-WS declares it as a wsdl:fault with a typed detail. */
@WebFault(name = "CustomerNotFound", targetNamespace = "urn:soapgen:metro")
public class CustomerNotFound extends Exception {
  private final CustomerNotFoundInfo info;

  public CustomerNotFound(String message, String id) {
    super(message);
    info = new CustomerNotFoundInfo();
    info.id = id;
    info.message = message;
  }

  public CustomerNotFound(String message, CustomerNotFoundInfo info) {
    super(message);
    this.info = info;
  }

  public CustomerNotFoundInfo getFaultInfo() {
    return info;
  }
}
