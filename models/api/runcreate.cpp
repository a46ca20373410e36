#include "runcreate.h"

namespace crondesk::api {

using namespace Qt::StringLiterals;

QJsonObject RunCreate::toJson(bool stateless) const
{
    QJsonObject body {{u"assistant_id"_s, assistantId}};
    if (!input.isUndefined())
        body.insert(u"input"_s, input);
    if (metadata)
        body.insert(u"metadata"_s, *metadata);
    if (config)
        body.insert(u"config"_s, *config);
    if (context)
        body.insert(u"context"_s, *context);
    if (!webhook.isEmpty())
        body.insert(u"webhook"_s, webhook);
    if (stateless) {
        if (!onCompletion.isEmpty())
            body.insert(u"on_completion"_s, onCompletion);
        return body;
    }
    if (!interruptBefore.isUndefined() && !interruptBefore.isNull())
        body.insert(u"interrupt_before"_s, interruptBefore);
    if (!interruptAfter.isUndefined() && !interruptAfter.isNull())
        body.insert(u"interrupt_after"_s, interruptAfter);
    if (!multitaskStrategy.isEmpty())
        body.insert(u"multitask_strategy"_s, multitaskStrategy);
    if (!ifNotExists.isEmpty())
        body.insert(u"if_not_exists"_s, ifNotExists);
    return body;
}

RunCreate RunCreate::fromCronPayload(const QString &assistantId, const QJsonObject &payload)
{
    RunCreate run;
    run.assistantId = assistantId;
    if (payload.contains("input"_L1))
        run.input = payload.value("input"_L1);
    if (payload.value("metadata"_L1).isObject())
        run.metadata = payload.value("metadata"_L1).toObject();
    if (payload.value("config"_L1).isObject())
        run.config = payload.value("config"_L1).toObject();
    if (payload.value("context"_L1).isObject())
        run.context = payload.value("context"_L1).toObject();
    run.webhook = payload.value("webhook"_L1).toString();
    run.interruptBefore = payload.value("interrupt_before"_L1);
    run.interruptAfter = payload.value("interrupt_after"_L1);
    run.multitaskStrategy = payload.value("multitask_strategy"_L1).toString();
    return run;
}

} // namespace crondesk::api
