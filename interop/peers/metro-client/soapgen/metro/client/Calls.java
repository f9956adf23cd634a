package soapgen.metro.client;

import java.math.BigDecimal;
import java.net.URL;
import java.util.Arrays;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.ws.BindingProvider;

/**
 * The wsimport-generated client of the Metro peer making the calls interop's metro.rs makes
 * with soapgen's client, so their envelopes can be compared. Compiled against the classes
 * wsimport generated from samples/interop_metro11 or interop_metro12 (package
 * soapgen.metro.client either way). Usage: Calls WSDL_FILE ENDPOINT; run with
 * -Dcom.sun.xml.ws.transport.http.client.HttpTransportPipe.dump=true to print the messages.
 */
public final class Calls {
  public static void main(String[] args) throws Exception {
    MetroInterop service = new MetroInterop(new URL("file:" + args[0]));
    Interop port = service.getMetroInteropPort();
    ((BindingProvider) port)
        .getRequestContext()
        .put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, args[1]);

    Customer customer = new Customer();
    customer.setName("Ada <&> grüße");
    customer.setEmail("ada@example.org");
    customer.setCredit(new BigDecimal("1234.50"));
    Line line = new Line();
    line.setSku("A-1");
    line.setQuantity(2);
    line.setPrice(new BigDecimal("9.99"));
    Order order = new Order();
    order.setId(7);
    order.setCustomer(customer);
    order.getLine().add(line);
    order.setPlaced(
        DatatypeFactory.newInstance().newXMLGregorianCalendar("2024-02-29T23:59:59.123+05:30"));
    order.setNote(null);
    order.setSignature(new byte[] {1, 2, 3, (byte) 255});
    order.setStatus(Status.SHIPPED);
    order.setRush(true);
    port.echoOrder(order);

    port.sumValues(Arrays.asList(1, -2, Integer.MAX_VALUE));
    port.findCustomer("c-1");
    port.reverseBytes(new byte[] {0, 1, 2, (byte) 255});
  }
}
