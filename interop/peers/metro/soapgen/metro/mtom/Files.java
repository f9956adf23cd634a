package soapgen.metro.mtom;

import java.security.MessageDigest;
import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebService;
import javax.xml.ws.soap.MTOM;

/** base64Binary content as XOP attachments (MTOM), both ways. */
@MTOM(threshold = 0)
@WebService(
    serviceName = "MetroFiles",
    portName = "MetroFilesPort",
    targetNamespace = "urn:soapgen:metro:files")
public class Files {
  /** What the server received: its size and SHA-256, so the client can check the bytes. */
  @WebMethod
  public Receipt upload(@WebParam(name = "document") Document document) {
    Receipt r = new Receipt();
    r.name = document.name;
    r.size = document.content == null ? -1 : document.content.length;
    r.sha256 = hex(sha256(document.content == null ? new byte[0] : document.content));
    return r;
  }

  /** `size` bytes of a pattern the client can recompute: byte i is (i * 31 + 7) mod 256. */
  @WebMethod
  public Document download(@WebParam(name = "name") String name, @WebParam(name = "size") int size) {
    Document d = new Document();
    d.name = name;
    d.content = new byte[size];
    for (int i = 0; i < size; i++) d.content[i] = (byte) (i * 31 + 7);
    return d;
  }

  /** The document as received. */
  @WebMethod
  public Document echo(@WebParam(name = "document") Document document) {
    return document;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) s.append(String.format("%02x", b));
    return s.toString();
  }
}
