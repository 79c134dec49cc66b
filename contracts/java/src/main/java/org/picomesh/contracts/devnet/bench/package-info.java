/** What the benches share: load from wrk, and where the CPU went by part of the bench. */
package org.picomesh.contracts.devnet.bench;
