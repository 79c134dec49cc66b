/**
 * A pico joins the market (issue 12, item 1): {@code pico enroll} installs the project's ruleset
 * {@code org.picomesh.market} in the pico and gives it its market key, a secp256k1 key the agent makes, whose address
 * is the pico's account and whose {@code did:pkh} is its DID. The key lives in the pico's own entity variables only:
 * it travels with the pico in its sealed snapshot and no channel of the pico shows it (the front door also refuses the
 * root pico's ECIs, wrangler's {@code skyQuery} and the agent's event domain). The agent hosting the pico reads it
 * from the root pico when it signs for the pico (opening its first lease, asking to move it) and keeps no copy: not
 * on disk, and in memory only for the signature, so a pico that moves away leaves no key behind on its old agent
 * and the agent that receives it signs with the key that came in the snapshot. The owner's key never reaches the
 * daemon: the command line funds the pico's account itself.
 */
package org.picomesh.agent.market;
