package io.mqpool.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import io.mqpool.engine.store.JobRow;

/**
 * {@code POST /jobs}: the submit form. Checks it with the API's own {@link SubmissionValidator}
 * (same rules, same messages); a refusal re-renders the form with what was typed and stores
 * nothing; a job lands the browser on its page (303).
 */
final class SubmitForm {

    private final SubmitPage page;
    private final SubmissionValidator validator;
    private final JobsResource jobs;
    private final ObjectMapper mapper;
    private final UiSettings ui;

    SubmitForm(SubmitPage page, SubmissionValidator validator, JobsResource jobs, ObjectMapper mapper,
               UiSettings ui) {
        this.page = page;
        this.validator = validator;
        this.jobs = jobs;
        this.mapper = mapper;
        this.ui = ui;
    }

    /** Blocks on the store while the job is created. The CSRF token was checked before. */
    void submit(Context ctx) {
        SubmitValues typed = new SubmitValues(ctx.formParam("task"), ctx.formParam("args"),
                ctx.formParam("range"), ctx.formParam("mode"), ctx.formParam("chunksize"),
                ctx.formParam("taskTimeout"), ctx.formParam("timeout"), ctx.formParam("retries"),
                ctx.formParam("maxInFlight"), ctx.formParam("retryTimeouts"), ctx.formParam("priority"),
                ctx.formParam("retention"));
        JobRow job;
        try {
            job = create(typed, upload(ctx));
        } catch (ApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            page.render(ctx, 400, typed, e);
            return;
        }
        ctx.redirect(ui.to("/jobs/" + job.id()), HttpStatus.SEE_OTHER);
    }

    private JobRow create(SubmitValues typed, UploadedArguments upload) {
        JsonNode args = upload != null ? upload.args() : json(typed.args());
        if (upload != null && (blank(typed.args()) != null || blank(typed.range()) != null)) {
            throw ApiException.badField("input", "give the arguments one way: a JSON list, a range or a file, "
                    + "not two of them");
        }
        SubmitRequest request = new SubmitRequest(blank(typed.task()), blank(typed.mode()), args,
                blank(typed.range()), whole("chunksize", typed.chunksize()), blank(typed.taskTimeout()),
                blank(typed.timeout()), whole("retries", typed.retries()),
                typed.retryTimeoutsTicked() ? Boolean.TRUE : null, whole("maxInFlight", typed.maxInFlight()),
                blank(typed.retention()), blank(typed.priority()));
        ValidatedJob valid;
        try {
            valid = validator.validate(request);
        } catch (ApiException e) {
            throw upload == null ? e : upload.relocate(e);
        }
        return jobs.create(valid);
    }

    private UploadedArguments upload(Context ctx) {
        UploadedFile file = ctx.isMultipartFormData() ? ctx.uploadedFile("input") : null;
        if (file == null || (file.size() == 0 && (file.filename() == null || file.filename().isEmpty()))) {
            return null;
        }
        return UploadedArguments.read(file, mapper);
    }

    private JsonNode json(String text) {
        String given = blank(text);
        if (given == null) {
            return null;
        }
        try {
            return mapper.readTree(given);
        } catch (JsonProcessingException e) {
            throw ApiException.badField("args", "field 'args' is not JSON: " + e.getOriginalMessage()
                    + "; write a JSON list, one argument per task, such as [1, 2, 3]");
        }
    }

    private static Integer whole(String field, String text) {
        String given = blank(text);
        if (given == null) {
            return null;
        }
        try {
            return Integer.valueOf(given);
        } catch (NumberFormatException e) {
            throw ApiException.badField(field, field + " must be a whole number, not '" + given + "'");
        }
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
