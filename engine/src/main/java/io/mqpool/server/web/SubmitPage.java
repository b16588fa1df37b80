package io.mqpool.server.web;

import io.javalin.http.Context;
import io.mqpool.jobs.JobPriority;
import io.mqpool.jobs.RegisteredTask;
import io.mqpool.jobs.TaskRegistry;
import java.util.List;
import java.util.Set;

/** {@code GET /}: the submit form, empty or as the user typed it with the refusal next to its field. */
final class SubmitPage {

    /** Fields with an error slot of their own; a refusal about any other goes to {@code #error-form}. */
    static final Set<String> FIELDS = Set.of("task", "args", "range", "input", "mode", "chunksize", "taskTimeout",
            "timeout", "retries", "maxInFlight", "retryTimeouts", "priority", "retention");
    private static final List<String> MODES = List.of("map", "imap_unordered", "starmap", "apply");

    private final Layout layout;
    private final TaskRegistry registry;
    private final Csrf csrf;

    SubmitPage(Layout layout, TaskRegistry registry, Csrf csrf) {
        this.layout = layout;
        this.registry = registry;
        this.csrf = csrf;
    }

    void show(Context ctx) {
        render(ctx, 200, SubmitValues.EMPTY, null);
    }

    /** Renders the form; {@code error} (may be null) is shown next to the field it concerns. */
    void render(Context ctx, int status, SubmitValues v, ApiException error) {
        String errorField = error == null ? null : FIELDS.contains(error.field()) ? error.field() : "form";
        FieldErrors errors = new FieldErrors(errorField, error == null ? null : error.getMessage());
        RegisteredTask chosen = chosen(v.task());
        boolean disabled = layout.ui().readOnly();
        Html form = Html.of("""
                <h1>Submit a job</h1>
                {}
                <form id="submit-form" method="post" action="{}" enctype="multipart/form-data" novalidate>
                {}
                <div class="field"><label for="task">Task</label>
                <select id="task" name="task" aria-describedby="task-signature">{}</select>{}
                <p class="hint">Signature: <code id="task-signature">{}</code>
                · example argument: <code id="task-example">{}</code></p></div>
                <fieldset><legend>Arguments: one of</legend>
                <div class="field"><label for="args">A JSON list, one argument per task</label>
                <textarea id="args" name="args" rows="4" placeholder="[1, 2, 3]">{}</textarea>{}</div>
                <div class="field"><label for="range">A range of integers A..B</label>
                <input id="range" name="range" placeholder="1..100" value="{}">{}</div>
                <div class="field"><label for="input-file">A .jsonl file, one argument per line</label>
                <input id="input-file" type="file" name="input" accept=".jsonl,.json,.txt">{}</div>
                </fieldset>
                <div class="row">
                <div class="field"><label for="mode">Mode</label><select id="mode" name="mode">{}</select>{}</div>
                <div class="field"><label for="chunksize">Chunk size</label>
                <input id="chunksize" name="chunksize" inputmode="numeric" placeholder="auto" value="{}">{}</div>
                <div class="field"><label for="taskTimeout">Task timeout</label>
                <input id="taskTimeout" name="taskTimeout" placeholder="none, e.g. 30s" value="{}">{}</div>
                <div class="field"><label for="timeout">Job timeout</label>
                <input id="timeout" name="timeout" placeholder="none, e.g. 10m" value="{}">{}</div>
                <div class="field"><label for="retries">Retries</label>
                <input id="retries" name="retries" inputmode="numeric" placeholder="2" value="{}">{}</div>
                <div class="field"><label for="maxInFlight">Max in flight</label>
                <input id="maxInFlight" name="maxInFlight" inputmode="numeric" placeholder="no limit" value="{}">{}</div>
                </div>
                <div class="row">
                <div class="field"><label for="priority">Priority</label>
                <select id="priority" name="priority">{}</select>{}</div>
                <div class="field"><label for="retention">Keep when done for</label>
                <input id="retention" name="retention" placeholder="default, e.g. 30d" value="{}">{}</div>
                </div>
                <div class="field"><label><input id="retryTimeouts" name="retryTimeouts" type="checkbox" value="true"{}>
                Retry a task that ran past its task timeout (up to the retries)</label>{}</div>
                <button id="submit" type="submit"{}>Submit</button>
                </form>
                """, errors.slot("form"), layout.ui().to("/jobs"), csrf.field(ctx), options(chosen),
                errors.slot("task"), chosen == null ? "" : chosen.signature(),
                chosen == null ? "" : TaskExample.of(chosen), v.args(), errors.slot("args"), v.range(),
                errors.slot("range"), errors.slot("input"), modes(v.mode()), errors.slot("mode"), v.chunksize(),
                errors.slot("chunksize"), v.taskTimeout(), errors.slot("taskTimeout"), v.timeout(),
                errors.slot("timeout"), v.retries(), errors.slot("retries"), v.maxInFlight(),
                errors.slot("maxInFlight"), priorities(v.priority()), errors.slot("priority"), v.retention(),
                errors.slot("retention"), Html.when(v.retryTimeoutsTicked(), Html.of(" checked")),
                errors.slot("retryTimeouts"),
                Html.when(disabled, Html.of(" disabled title=\"this server is read-only\"")));
        layout.render(ctx, status, "submit", "Submit", form);
    }

    private RegisteredTask chosen(String name) {
        List<RegisteredTask> all = registry.all();
        return all.stream().filter(t -> t.name().equals(name)).findFirst().orElse(all.isEmpty() ? null : all.get(0));
    }

    private Html options(RegisteredTask chosen) {
        return Html.join(registry.all().stream().map(t -> Html.of(
                "<option value=\"{}\" data-signature=\"{}\" data-example=\"{}\"{}>{}</option>", t.name(),
                t.signature(), TaskExample.of(t), Html.when(t == chosen, Html.of(" selected")), t.name()))
                .toList());
    }

    private static Html priorities(String chosen) {
        String priority = chosen == null ? JobPriority.NORMAL.label() : chosen;
        return Html.join(List.of(JobPriority.HIGH, JobPriority.NORMAL, JobPriority.LOW).stream()
                .map(p -> Html.of("<option value=\"{}\"{}>{}</option>", p.label(),
                        Html.when(p.label().equalsIgnoreCase(priority), Html.of(" selected")), p.label()))
                .toList());
    }

    private static Html modes(String chosen) {
        String mode = chosen == null ? "map" : chosen;
        return Html.join(MODES.stream().map(m -> Html.of("<option value=\"{}\"{}>{}</option>", m,
                Html.when(m.equals(mode), Html.of(" selected")), m.replace('_', ' '))).toList());
    }
}
