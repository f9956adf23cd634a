package soapgen.metro;

import java.math.BigDecimal;
import java.util.List;
import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebService;

/** What soapgen's generated clients call: one operation per kind of value worth checking. */
@WebService(
    serviceName = "MetroInterop",
    portName = "MetroInteropPort",
    targetNamespace = "urn:soapgen:metro")
public class Interop {
  /** Returns the order as received: nested beans, a list, nillable, dateTime, base64, enum. */
  @WebMethod
  public Order echoOrder(@WebParam(name = "order") Order order) {
    return order;
  }

  /** Adds the values up (a list of simple values as the only parameter). */
  @WebMethod
  public long sumValues(@WebParam(name = "value") List<Integer> values) {
    long sum = 0;
    if (values != null) {
      for (Integer v : values) sum += v;
    }
    return sum;
  }

  /** Finds a customer; an unknown id is the checked exception, a typed fault on the wire. */
  @WebMethod
  public Customer findCustomer(@WebParam(name = "id") String id) throws CustomerNotFound {
    if (!"c-1".equals(id)) {
      throw new CustomerNotFound("no customer " + id, id);
    }
    Customer c = new Customer();
    c.name = "Ada Lovelace";
    c.email = "ada@example.org";
    c.credit = new BigDecimal("1234.50");
    return c;
  }

  /** Returns the bytes reversed, so both directions of base64Binary are checked. */
  @WebMethod
  public byte[] reverseBytes(@WebParam(name = "data") byte[] data) {
    byte[] out = new byte[data == null ? 0 : data.length];
    for (int i = 0; i < out.length; i++) out[i] = data[data.length - 1 - i];
    return out;
  }
}
