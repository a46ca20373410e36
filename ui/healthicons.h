#pragma once

#include <models/inventory/cronhealth.h>

#include <QIcon>

class QPainter;
class QRect;

namespace crondesk::ui {

// How serious a set of health flags is, as the table shows it. Ended is apart from Inactive
// (paused): a paused cron comes back when resumed, an ended one never fires again.
enum class HealthLevel { Healthy, Checking, Inactive, Ended, Warning, Problem };

HealthLevel healthLevel(models::HealthFlags flags);

// A round badge in the level's colour: a tick, a pause sign, a stop square (ended) or an
// exclamation mark. Drawn rather than loaded, so it is crisp at any size and needs no icon theme.
void paintHealthBadge(QPainter *painter, const QRect &rect, HealthLevel level);
QIcon healthIcon(HealthLevel level);

} // namespace crondesk::ui
