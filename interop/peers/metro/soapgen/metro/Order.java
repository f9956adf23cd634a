package soapgen.metro;

import java.util.ArrayList;
import java.util.List;
import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlElement;
import javax.xml.bind.annotation.XmlSchemaType;
import javax.xml.datatype.XMLGregorianCalendar;

@XmlAccessorType(XmlAccessType.FIELD)
public class Order {
  public long id;
  public Customer customer;
  public List<Line> line = new ArrayList<>();
  @XmlSchemaType(name = "dateTime")
  public XMLGregorianCalendar placed;
  /** Sent as xsi:nil when absent. */
  @XmlElement(nillable = true, required = true)
  public String note;
  public byte[] signature;
  public Status status;
  public boolean rush;
}
