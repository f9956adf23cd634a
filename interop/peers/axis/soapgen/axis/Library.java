package soapgen.axis;

import java.math.BigDecimal;
import java.util.Calendar;

/**
 * An rpc/encoded service as Axis 1 publishes a plain Java class: complex values travel as
 * SOAP-encoded multi-references (href="#id0" + multiRef id="id0"), arrays as soapenc:Array.
 */
public class Library {
  /** The book as received: a bean with a nested bean, an array and simple values. */
  public Book echoBook(Book book) {
    return book;
  }

  /** The books as received: an array of references. */
  public Book[] echoBooks(Book[] books) {
    return books;
  }

  /** Two books sharing one author object: Axis sends that author once, referenced twice. */
  public Book[] twoBooksOneAuthor(String authorName) {
    Author author = new Author();
    author.setName(authorName);
    author.setBorn(1815);
    Book first = new Book();
    first.setTitle("Notes");
    first.setAuthor(author);
    first.setPrice(new BigDecimal("12.50"));
    first.setTags(new String[] {"math", "engines"});
    Book second = new Book();
    second.setTitle("Letters");
    second.setAuthor(author);
    second.setPrice(new BigDecimal("7.25"));
    second.setTags(new String[0]);
    return new Book[] {first, second};
  }

  /** The sum of an array of ints. */
  public long sum(int[] values) {
    long sum = 0;
    if (values != null) {
      for (int v : values) sum += v;
    }
    return sum;
  }

  /** Always fails: an Axis fault with a code and a reason. */
  public String fail(String reason) throws org.apache.axis.AxisFault {
    throw new org.apache.axis.AxisFault("Server.Rejected", reason, null, null);
  }
}
