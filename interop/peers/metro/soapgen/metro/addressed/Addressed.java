package soapgen.metro.addressed;

import javax.annotation.Resource;
import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebService;
import javax.xml.ws.Holder;
import javax.xml.ws.WebServiceContext;
import javax.xml.ws.soap.Addressing;

/**
 * WS-Addressing required (a request without wsa:Action, MessageID and To is refused), and an
 * operation with an OUT header parameter: a value that travels in the response's SOAP Header.
 */
@Addressing(required = true)
@WebService(
    serviceName = "MetroAddressed",
    portName = "MetroAddressedPort",
    targetNamespace = "urn:soapgen:metro:addressed")
public class Addressed {
  @Resource private WebServiceContext context;

  /** The text reversed; the quota left travels back in the `quota` response header. */
  @WebMethod
  public String reverse(
      @WebParam(name = "text") String text,
      @WebParam(name = "quota", header = true, mode = WebParam.Mode.OUT) Holder<Quota> quota) {
    Quota q = new Quota();
    q.remaining = 41;
    q.requestId = "req-" + text.length();
    quota.value = q;
    return new StringBuilder(text).reverse().toString();
  }
}
