/**
 * The LiveEngage emulator; {@link io.github.lpconnector.camel.emulator.LiveEngageEmulator} is where to start. Behind
 * it:
 * <ul>
 * <li>{@code EmulatorServer} and {@code Exchange}: HttpCore 5's non-blocking HTTP server. A delayed or stalled answer
 * holds no thread; thousands of connections are served by a couple of I/O threads;</li>
 * <li>{@code Dispatcher}: per request, routing ({@code Routes}, 404), method (405), fault injection, the service,
 * counting and recording;</li>
 * <li>one {@code ServiceHandler} per service: {@code DomainApiHandler}, {@code SentinelHandler}, {@code IdpHandler},
 * {@code CreateHandler} and {@code SendHandler} (which share the {@code ConversationStore} and the checks of
 * {@code SendApiHandler}), {@code AdminHandler} ({@code GET /emulator/...}), {@code WebhookAdminHandler}
 * ({@code POST /emulator/webhooks}, {@code /emulator/webhook-faults}) and {@code AgentHandler}
 * ({@code POST /emulator/agent/...});</li>
 * <li>the LiveEngage side: the {@code ConversationStore} tells every change of a conversation to a
 * {@code ConversationListener}: {@code Notifications} turns it into the webhook notification LiveEngage would send
 * (the connector's own consumer echoes included), the {@code WebhookDispatcher} delivers it to the registered
 * endpoints ({@link io.github.lpconnector.camel.emulator.Webhooks}), and the {@code AutoAgent} answers as the
 * {@link io.github.lpconnector.camel.emulator.EmulatedAgent}.</li>
 * </ul>
 * Choices where LivePerson's reference is silent or contradictory:
 * <ul>
 * <li>"AppJWT is missing" is 40105 and "ConsumerJWS is missing" 40104, as in the TABLE of sendapi-error-codes.md (its
 * example labels "AppJWT is missing" 40104).</li>
 * <li>{@code Authorization: Bearer <jwt>} is refused (401 40102) unless the builder says
 * {@code acceptBearerPrefix(true)}: the reference and every official client send the raw token.</li>
 * <li>An AppJWT signed by the emulator whose {@code iss} is not "Sentinel" gives 400 40001 "Missing parameter", as the
 * error table says.</li>
 * <li>Unknown Domain API service: 400 (the Domain API documents only 400 and 401).</li>
 * <li>Sentinel errors use an OAuth2 body {@code {"error":..,"error_description":..}} (undocumented); no
 * {@code expires_in} in its answer (as documented).</li>
 * <li>A non-JSON Content-Type on CREATE/SEND: 415.</li>
 * <li>ChatStateEvents are stored with sequence -1 (no place in the conversation's sequence) and answered
 * {@code {"sequence":0}}, as LivePerson's examples answer them.</li>
 * <li>Unknown or closed conversation on SEND: 400 (40009 / 40010); another consumer's conversation: 401 (40106).</li>
 * <li>Second CREATE while the consumer has an OPEN conversation: HTTP 200, the conversation item gets code 400 with
 * errorCode 40011 "Conversation already open"; the first-message item then gets 400 40009.</li>
 * <li>Counters and the request log take each answer's status when the emulator decides it (before a latency or a
 * stall); dropped connections count as status 0.</li>
 * <li>Webhooks: delivery, order and retries as {@code WebhookDispatcher} says, payloads as {@code Notifications}
 * says, the agent's rules as {@link io.github.lpconnector.camel.emulator.EmulatedAgent} says. The consumer's
 * participant id ({@code originatorId} of its echoes, {@code participants[].id} role CONSUMER) is the
 * {@code lp_consumer_id} of the ConsumerJWS the emulator issued.</li>
 * </ul>
 */
package io.github.lpconnector.camel.emulator;
