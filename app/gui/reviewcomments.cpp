#include "app/gui/reviewcomments.h"

using namespace Qt::StringLiterals;

namespace Paddock::App {

QByteArray ReviewComments::markdown(const QString &branch, const QString &commit) const
{
    QString text =
        u"# Review comments on %1\n\nThe reviewer read your branch at commit %2 and asks for these "
        "changes. Address each one, commit, and do not commit this file.\n"_s.arg(branch, commit);
    for (const Comment &comment : m_comments) {
        text += u"\n## %1, %2 line %3\n\n"_s.arg(comment.path, comment.onOldLine ? u"old"_s : u"new"_s)
                    .arg(comment.line);
        if (!comment.quoted.isEmpty())
            text += u"```\n%1\n```\n\n"_s.arg(comment.quoted);
        text += comment.text.trimmed() + u'\n';
    }
    return text.toUtf8();
}

QString ReviewComments::prompt()
{
    return u"Please read %1/%2: review comments on your branch. Address them, then commit."_s.arg(folder(),
                                                                                                  fileName());
}

QString ReviewComments::summary() const
{
    QStringList lines;
    for (const Comment &comment : m_comments)
        lines.append(
            tr("%1:%2 — %3").arg(comment.path).arg(comment.line).arg(comment.text.simplified().left(80)));
    return lines.join(u'\n');
}

} // namespace Paddock::App
