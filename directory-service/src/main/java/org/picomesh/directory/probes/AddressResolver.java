package org.picomesh.directory.probes;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses. Asked once per probe: the guard checks these addresses and the probe connects
 * to one of them, so a DNS answer that changes in between (rebinding) cannot lead the probe somewhere denied.
 */
@FunctionalInterface
public interface AddressResolver {
    /** The system's resolver. */
    AddressResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    List<InetAddress> resolve(String host) throws UnknownHostException;
}
