/**
 * The engine operator's command line: register an engine, stake and unbond, name its keys, answer and claim by hand,
 * and see what the chain (and a directory) says about it. Every command checks what it can before connecting (its
 * options, amounts, addresses, the key's password), then the node (reachable, on the deployment's chain), and only
 * then sends; failures are one line and exit code 2 (3 when the contract refuses).
 */
package org.picomesh.agent.operator;
