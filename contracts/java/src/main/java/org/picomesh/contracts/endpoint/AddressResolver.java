package org.picomesh.contracts.endpoint;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses. Asked once per check: the guard checks these addresses and the caller connects
 * to one of them, so a DNS answer that changes in between (rebinding) cannot lead it somewhere denied.
 */
@FunctionalInterface
public interface AddressResolver {
    /** The system's resolver. */
    AddressResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    List<InetAddress> resolve(String host) throws UnknownHostException;
}
