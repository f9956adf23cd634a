package soapgen.metro.secure;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.xml.namespace.QName;
import javax.xml.soap.SOAPConstants;
import javax.xml.soap.SOAPException;
import javax.xml.soap.SOAPFactory;
import javax.xml.soap.SOAPFault;
import javax.xml.ws.handler.MessageContext;
import javax.xml.ws.handler.soap.SOAPHandler;
import javax.xml.ws.handler.soap.SOAPMessageContext;
import javax.xml.ws.soap.SOAPFaultException;
import org.apache.ws.security.WSConstants;
import org.apache.ws.security.WSPasswordCallback;
import org.apache.ws.security.WSSecurityEngine;
import org.apache.ws.security.WSSecurityEngineResult;
import org.apache.ws.security.WSSecurityException;
import org.apache.ws.security.WSUsernameTokenPrincipal;
import org.w3c.dom.Document;

/**
 * Checks the request's WS-Security UsernameToken (text or digest, with nonce and created)
 * with Apache WSS4J's own engine; a missing or wrong token is the WS-Security fault
 * wsse:FailedAuthentication (the SOAP 1.2 Sender subcode).
 */
public class UsernameTokenCheck implements SOAPHandler<SOAPMessageContext> {
  static final String USER = "soapgen.user";
  static final String NAME = "alice";
  static final String PASSWORD = "wonder land & <more>";

  private static final CallbackHandler PASSWORDS =
      callbacks -> {
        for (Callback c : callbacks) {
          if (c instanceof WSPasswordCallback) {
            WSPasswordCallback pc = (WSPasswordCallback) c;
            if (NAME.equals(pc.getIdentifier())) pc.setPassword(PASSWORD);
          }
        }
      };

  @Override
  public Set<QName> getHeaders() {
    return Collections.singleton(new QName(WSConstants.WSSE_NS, WSConstants.WSSE_LN));
  }

  @Override
  public boolean handleMessage(SOAPMessageContext context) {
    if ((Boolean) context.get(MessageContext.MESSAGE_OUTBOUND_PROPERTY)) return true;
    boolean soap12;
    try {
      soap12 = SOAPConstants.URI_NS_SOAP_1_2_ENVELOPE.equals(
          context.getMessage().getSOAPPart().getEnvelope().getNamespaceURI());
    } catch (SOAPException e) {
      throw new IllegalStateException(e);
    }
    String user = null;
    try {
      Document doc = context.getMessage().getSOAPPart();
      List<WSSecurityEngineResult> results =
          new WSSecurityEngine().processSecurityHeader(doc, null, PASSWORDS, null);
      if (results != null) {
        for (WSSecurityEngineResult r : results) {
          Object principal = r.get(WSSecurityEngineResult.TAG_PRINCIPAL);
          if (principal instanceof WSUsernameTokenPrincipal) {
            user = ((WSUsernameTokenPrincipal) principal).getName();
          }
        }
      }
    } catch (WSSecurityException e) {
      throw failed(soap12, "The security token could not be authenticated or authorized");
    }
    if (user == null) throw failed(soap12, "No UsernameToken");
    context.put(USER, user);
    context.setScope(USER, MessageContext.Scope.APPLICATION);
    return true;
  }

  private static SOAPFaultException failed(boolean soap12, String reason) {
    QName code = new QName(WSConstants.WSSE_NS, "FailedAuthentication", "wsse");
    try {
      SOAPFault fault;
      if (soap12) {
        fault = SOAPFactory.newInstance(SOAPConstants.SOAP_1_2_PROTOCOL)
            .createFault(reason, SOAPConstants.SOAP_SENDER_FAULT);
        fault.appendFaultSubcode(code);
      } else {
        fault = SOAPFactory.newInstance(SOAPConstants.SOAP_1_1_PROTOCOL).createFault(reason, code);
      }
      return new SOAPFaultException(fault);
    } catch (SOAPException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean handleFault(SOAPMessageContext context) {
    return true;
  }

  @Override
  public void close(MessageContext context) {}
}
