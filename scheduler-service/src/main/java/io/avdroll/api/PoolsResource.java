package io.avdroll.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.avdroll.coordinator.CoordinatorState;
import io.avdroll.coordinator.HandledMessages;
import io.avdroll.events.ControlAction;
import io.avdroll.events.InvalidEventException;
import io.avdroll.events.MessageIds;
import io.avdroll.events.RolloutControl;
import io.avdroll.events.SpecOverrides;
import io.avdroll.events.UpdateRequested;
import io.avdroll.report.ReportHistory;
import io.avdroll.rollout.HostStage;
import io.avdroll.rollout.RolloutRecord;
import io.avdroll.rollout.RolloutState;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The on-demand API: {@code /api/v1/pools/{resourceGroup}/{hostPool}/...}. Reads answer from the coordinator's state
 * (loaded through the bus when this instance has not seen the pool); writes are messages to the coordinator
 * ({@code update-requested}, {@code rollout-control}), whose outcome the API waits for briefly. See docs/operations.md.
 */
@Path("/api/v1/pools")
@Produces(MediaType.APPLICATION_JSON)
public class PoolsResource {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final int RECENT_EVENTS = 30;

    private final CoordinatorLink link;
    private final Planning planning;
    private final HandledMessages handled;
    private final Clock clock;
    private final ReportHistory reports;

    public PoolsResource(CoordinatorLink link, Planning planning, HandledMessages handled, Clock clock,
                         ReportHistory reports) {
        this.link = link;
        this.planning = planning;
        this.handled = handled;
        this.clock = clock;
        this.reports = reports;
    }

    @GET
    public List<PoolSummary> list() {
        return link.knownPools().entrySet().stream()
                .filter(e -> e.getValue().target() != null && e.getValue().record() != null)
                .map(e -> {
                    CoordinatorState s = e.getValue();
                    RolloutRecord r = s.record();
                    return new PoolSummary(s.target().resourceGroup(), s.target().hostPool(), r.rolloutId(),
                            r.state().name(), r.stateChangedAt(), RolloutView.counters(r));
                }).toList();
    }

    @GET
    @Path("{resourceGroup}/{hostPool}")
    public RolloutView status(@PathParam("resourceGroup") String resourceGroup, @PathParam("hostPool") String hostPool,
                              @QueryParam("history") Integer historyLines) {
        PoolKey pool = pool(resourceGroup, hostPool);
        CoordinatorState state = link.state(pool).orElseThrow(() -> noRollout(pool));
        return view(state, pool, historyLines == null ? 20 : Math.max(0, historyLines));
    }

    @GET
    @Path("{resourceGroup}/{hostPool}/history")
    public List<RolloutView.HistoryLine> history(@PathParam("resourceGroup") String resourceGroup,
                                                 @PathParam("hostPool") String hostPool, @QueryParam("limit") Integer limit) {
        PoolKey pool = pool(resourceGroup, hostPool);
        CoordinatorState state = link.state(pool).orElseThrow(() -> noRollout(pool));
        List<RolloutView.HistoryLine> lines = HistoryWithReports.of(state.history(), state.record(), reports.all(),
                pool.hostPool());
        int keep = limit == null ? lines.size() : Math.max(0, Math.min(limit, lines.size()));
        return lines.subList(lines.size() - keep, lines.size());
    }

    @POST
    @Path("{resourceGroup}/{hostPool}/plan")
    @Consumes(MediaType.APPLICATION_JSON)
    public PlanView plan(@PathParam("resourceGroup") String resourceGroup, @PathParam("hostPool") String hostPool,
                         JsonNode json) {
        PoolKey pool = pool(resourceGroup, hostPool);
        RequestBody body = new RequestBody(json);
        String target = body.requiredText("targetImageVersionId");
        SpecOverrides overrides = body.overrides();
        // the same checks an update-requested gets, so the plan shown is one that could start
        request("plan-check", pool, target, overrides, "plan");
        return planning.plan(pool, link.subscriptionId(), target, overrides, clock.instant());
    }

    @POST
    @Path("{resourceGroup}/{hostPool}/rollouts")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(@PathParam("resourceGroup") String resourceGroup, @PathParam("hostPool") String hostPool,
                          JsonNode json, @Context ContainerRequestContext context) {
        PoolKey pool = pool(resourceGroup, hostPool);
        RequestBody body = new RequestBody(json);
        String target = body.requiredText("targetImageVersionId");
        String rolloutId = Optional.ofNullable(body.optionalText("rolloutId")).orElseGet(this::newRolloutId);
        CoordinatorLink.refuseReservedRolloutId(rolloutId);
        SpecOverrides overrides = body.overrides();
        UpdateRequested request = request(rolloutId, pool, target, overrides, "api:" + caller(context));

        Optional<CoordinatorState> current = link.state(pool);
        if (current.isPresent() && current.get().rolloutActive()) {
            RolloutRecord running = current.get().record();
            if (!running.rolloutId().equals(rolloutId)) {
                throw ApiProblem.conflict("rollout " + running.rolloutId() + " is " + running.state() + " on pool " + pool
                        + ": cancel it (or let it finish) before starting another");
            }
        }
        planning.check(pool, target, overrides);

        Optional<HandledMessages.Handled> outcome = link.send(request);
        if (outcome.isEmpty()) {
            return Response.accepted(new ActionView("start", rolloutId, request.messageId(), false, null, null)).build();
        }
        CoordinatorAnswers.raiseIfRefused(outcome.get().outcome());
        ActionView answer = new ActionView("start", rolloutId, request.messageId(), true, outcome.get().outcome(),
                link.known(pool).map(s -> view(s, pool, 20)).orElse(null));
        boolean duplicate = outcome.get().outcome().startsWith("duplicate");
        return Response.status(duplicate ? 200 : 201).entity(answer).build();
    }

    @POST
    @Path("{resourceGroup}/{hostPool}/rollout/{action}")
    public Response control(@PathParam("resourceGroup") String resourceGroup, @PathParam("hostPool") String hostPool,
                            @PathParam("action") String actionName, JsonNode json, @Context ContainerRequestContext context) {
        PoolKey pool = pool(resourceGroup, hostPool);
        ControlAction action = controlAction(actionName);
        RequestBody body = new RequestBody(json);
        String reason = Optional.ofNullable(body.optionalText("reason")).orElse("requested through the API");
        String expectedRollout = body.optionalText("rolloutId");

        CoordinatorState state = link.state(pool).orElseThrow(() -> noRollout(pool));
        RolloutRecord record = state.record();
        if (record == null) {
            throw noRollout(pool);
        }
        if (expectedRollout != null && !expectedRollout.equals(record.rolloutId())) {
            throw ApiProblem.conflict("the pool's rollout is " + record.rolloutId() + ", not " + expectedRollout);
        }
        refuseIllegal(action, record);
        RolloutControl control;
        try {
            control = new RolloutControl(record.rolloutId(), link.subscriptionId(), pool.resourceGroup(), pool.hostPool(),
                    action, reason, "api:" + caller(context), clock.instant());
        } catch (InvalidEventException e) {
            throw ApiProblem.badRequest(e.field(), e.reason());
        }
        Optional<HandledMessages.Handled> outcome = link.send(control);
        if (outcome.isEmpty()) {
            return Response.accepted(new ActionView(action.wireName(), record.rolloutId(), control.messageId(), false,
                    null, null)).build();
        }
        CoordinatorAnswers.raiseIfRefused(outcome.get().outcome());
        return Response.ok(new ActionView(action.wireName(), record.rolloutId(), control.messageId(), true,
                outcome.get().outcome(), link.known(pool).map(s -> view(s, pool, 20)).orElse(null))).build();
    }

    /** The rollout's state decides what may be asked of it; asking anyway is a conflict, not a silent no-op. */
    private static void refuseIllegal(ControlAction action, RolloutRecord record) {
        RolloutState s = record.state();
        String why = switch (action) {
            case PAUSE -> s == RolloutState.RUNNING ? null : "only a RUNNING rollout can be paused";
            case RESUME -> s == RolloutState.PAUSED ? null : "only a PAUSED rollout can be resumed";
            case CANCEL -> s.terminal() ? "it has already ended" : null;
            case RETRY -> s.terminal() ? "it has already ended"
                    : record.count(HostStage.FAILED) == 0 ? "it has no failed hosts" : null;
            case TICK -> null;
        };
        if (why != null) {
            throw ApiProblem.conflict("cannot " + action.wireName() + " rollout " + record.rolloutId() + ": it is " + s
                    + " and " + why);
        }
    }

    private static ControlAction controlAction(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "pause" -> ControlAction.PAUSE;
            case "resume" -> ControlAction.RESUME;
            case "cancel" -> ControlAction.CANCEL;
            case "retry" -> ControlAction.RETRY;
            default -> throw ApiProblem.notFound("action", "action: must be pause, resume, cancel or retry (was \"" + name + "\")");
        };
    }

    private UpdateRequested request(String rolloutId, PoolKey pool, String target, SpecOverrides overrides, String by) {
        try {
            return new UpdateRequested(rolloutId, link.subscriptionId(), pool.resourceGroup(), pool.hostPool(), target,
                    overrides, by, clock.instant());
        } catch (InvalidEventException e) {
            throw ApiProblem.badRequest(e.field(), e.reason());
        }
    }

    private PoolKey pool(String resourceGroup, String hostPool) {
        try {
            // the event constructors hold the naming rules; check the two names with a throw-away control message
            new RolloutControl("name-check", link.subscriptionId(), resourceGroup, hostPool, ControlAction.TICK, "check",
                    "api", clock.instant());
        } catch (InvalidEventException e) {
            throw ApiProblem.badRequest(e.field(), e.reason());
        }
        return new PoolKey(resourceGroup, hostPool);
    }

    private RolloutView view(CoordinatorState state, PoolKey pool, int historyLines) {
        String session = MessageIds.sessionIdOf(link.subscriptionId(), pool.resourceGroup(), pool.hostPool());
        List<HandledMessages.Handled> events = handled.recent().stream().filter(h -> h.sessionId().equals(session))
                .filter(h -> !h.messageId().contains("/" + CoordinatorLink.REFRESH_ROLLOUT_ID + "/")).toList();
        if (events.size() > RECENT_EVENTS) {
            events = events.subList(events.size() - RECENT_EVENTS, events.size());
        }
        return RolloutView.of(state, pool, link.subscriptionId(), events, historyLines);
    }

    private static ApiProblem noRollout(PoolKey pool) {
        return ApiProblem.notFound("hostPool", "no rollout has been recorded for pool " + pool);
    }

    private String newRolloutId() {
        return "r-" + ID_TIME.format(clock.instant()) + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }

    private static String caller(ContainerRequestContext context) {
        Object caller = context.getProperty(BearerAuthFilter.CALLER);
        return caller == null ? "unknown" : caller.toString();
    }
}
