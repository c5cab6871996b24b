// Check a receipt: is the ballot with this receipt in the election's box, and where? Comes with
// #e=<election>&r=<receipt> from the confirmation page, or the citizen pastes a receipt.
(function () {
  'use strict';
  var OP = window.OP;
  var NBSP = '\u00a0';

  OP.texts({
    fr: {
      skip: 'Aller au contenu', home: 'Accueil', heading: 'Vérifier un reçu',
      intro: 'Après votre vote, vous avez reçu un reçu de 64 caractères (chiffres et lettres a à f). Il permet'
        + ' de vérifier que votre bulletin est dans l’urne, sans révéler votre choix.',
      electionLabel: 'Élection', choose: 'Choisissez l’élection', loadingElections: 'Chargement des élections…',
      noElection: 'Aucune élection n’a encore d’urne ouverte.',
      receiptLabel: 'Reçu', receiptHint: '64 caractères, chiffres et lettres de a à f. Les espaces sont ignorés.',
      check: 'Vérifier',
      chooseElection: 'Choisissez l’élection dans laquelle vous avez voté.',
      receiptMissing: 'Collez le reçu affiché après votre vote.',
      receiptMalformed: 'Un reçu a 64 caractères, chiffres et lettres de a à f' + NBSP + ': celui-ci en a {0}.'
        + ' Vérifiez que vous l’avez copié en entier.',
      receiptBadChars: 'Un reçu ne contient que des chiffres et les lettres a à f' + NBSP + ': vérifiez-le.',
      electionUnknown: 'Cette élection est introuvable.',
      checking: 'Vérification…',
      inBoxHeading: 'Votre bulletin est dans l’urne',
      accepted: 'Il attend d’être chaîné dans le registre signé de l’urne' + NBSP + ': c’est fait en quelques'
        + ' instants, et au plus tard à la clôture. Revenez plus tard pour voir sa position.',
      position: 'Il est inscrit à la position {0} du registre de l’urne, couvert par sa signature.',
      published: 'Le résultat est publié' + NBSP + ': votre reçu figure aussi dans le registre public.',
      seeResult: 'Voir le résultat et le registre public',
      notFoundHeading: 'Aucun bulletin avec ce reçu',
      notFound: 'Aucun bulletin avec ce reçu n’est dans l’urne de cette élection. Vérifiez que vous avez copié'
        + ' le reçu en entier et choisi la bonne élection. Si le problème persiste, signalez-le aux organisateurs.',
      unavailable: 'Le service ne répond pas' + NBSP + ': réessayez dans un instant.'
    },
    en: {
      skip: 'Skip to content', home: 'Home', heading: 'Check a receipt',
      intro: 'After voting you got a receipt of 64 characters (digits and the letters a to f). It lets you check'
        + ' that your ballot is in the ballot box, without revealing your choice.',
      electionLabel: 'Election', choose: 'Choose the election', loadingElections: 'Loading the elections…',
      noElection: 'No election has opened its ballot box yet.',
      receiptLabel: 'Receipt', receiptHint: '64 characters, digits and letters from a to f. Spaces are ignored.',
      check: 'Check',
      chooseElection: 'Choose the election you voted in.',
      receiptMissing: 'Paste the receipt shown after you voted.',
      receiptMalformed: 'A receipt has 64 characters, digits and letters from a to f: this one has {0}.'
        + ' Check that you copied all of it.',
      receiptBadChars: 'A receipt holds only digits and the letters a to f: check it.',
      electionUnknown: 'This election cannot be found.',
      checking: 'Checking…',
      inBoxHeading: 'Your ballot is in the ballot box',
      accepted: 'It is waiting to be chained into the box’s signed log: this happens within moments, and at the'
        + ' latest when voting closes. Come back later to see its position.',
      position: 'It is at position {0} in the box’s log, covered by its signature.',
      published: 'The result is published: your receipt is also in the public record.',
      seeResult: 'See the result and the public record',
      notFoundHeading: 'No ballot with this receipt',
      notFound: 'No ballot with this receipt is in this election’s ballot box. Check that you copied the whole'
        + ' receipt and chose the right election. If it persists, please tell the organizers.',
      unavailable: 'The service does not answer: try again in a moment.'
    }
  });

  var BOX_STATES = ['VOTING', 'CLOSED', 'COUNTED', 'PUBLISHED'];
  var elections = {};

  function $(id) {
    return document.getElementById(id);
  }

  function option(value, key, text) {
    var node = OP.el('option');
    node.value = value;
    if (key) {
      OP.say(node, key);
    } else {
      node.textContent = text;
    }
    return node;
  }

  function fillElections(list, wanted) {
    var select = $('election');
    select.replaceChildren(option('', 'choose'));
    list.filter(function (e) {
      return BOX_STATES.indexOf(e.state) >= 0;
    }).forEach(function (e) {
      elections[e.id] = e;
      select.appendChild(option(e.id, null, e.title));
    });
    if (wanted && !elections[wanted] && OP.isId(wanted)) {
      select.appendChild(option(wanted, null, wanted));
    }
    if (wanted) {
      select.value = wanted;
    }
    if (select.options.length === 1) {
      OP.fieldError('election', 'noElection');
    }
  }

  function answer(kind, heading, lines, link) {
    var box = $('answer');
    box.replaceChildren();
    if (!kind) {
      return;
    }
    var panel = OP.el('div', 'panel ' + kind);
    if (heading) {
      panel.appendChild(OP.say(OP.el('h2'), heading));
    }
    lines.forEach(function (line) {
      panel.appendChild(OP.say(OP.el('p'), line[0], line[1]));
    });
    if (link) {
      var a = OP.el('a');
      a.href = link[0];
      OP.say(a, link[1]);
      var p = OP.el('p');
      p.appendChild(a);
      panel.appendChild(p);
    }
    box.appendChild(panel);
  }

  function check(event) {
    if (event) {
      event.preventDefault();
    }
    var id = $('election').value;
    var typed = $('receipt').value.replace(/\s/g, '').toLowerCase();
    OP.fieldError('election');
    OP.fieldError('receipt');
    answer(null);
    var invalid = null;
    if (!typed) {
      invalid = OP.fieldError('receipt', 'receiptMissing');
    } else if (!/^[0-9a-f]*$/.test(typed)) {
      invalid = OP.fieldError('receipt', 'receiptBadChars');
    } else if (typed.length !== 64) {
      invalid = OP.fieldError('receipt', 'receiptMalformed', [typed.length]);
    }
    if (!id) {
      invalid = OP.fieldError('election', 'chooseElection');
    }
    if (invalid) {
      OP.focus(!id ? $('election') : $('receipt'));
      return;
    }
    history.replaceState(null, '', window.location.pathname + window.location.search + '#e=' + id + '&r=' + typed);
    answer('pending', null, [['checking']]);
    OP.call('GET', 'api/elections/' + id + '/receipts/' + typed).then(function (reply) {
      var problem = reply.problem || {};
      if (reply.status === 200 && reply.data) {
        var published = elections[id] && elections[id].state === 'PUBLISHED';
        var lines = [reply.data.status === 'IN_BOX' ? ['position', [OP.number(reply.data.position)]] : ['accepted']];
        if (published) {
          lines.push(['published']);
        }
        return answer('success', 'inBoxHeading', lines, published ? ['result.html#e=' + id, 'seeResult'] : null);
      }
      if (reply.status === 404 && problem.field === 'receipt') {
        return answer('notice', 'notFoundHeading', [['notFound']]);
      }
      if (reply.status === 404 || problem.field === 'id') {
        OP.fieldError('election', 'electionUnknown');
        return answer(null);
      }
      if (reply.status === 400 && problem.field === 'receipt') {
        OP.fieldError('receipt', 'asIs', [problem.reason]);
        return answer(null);
      }
      answer('notice', null, [['unavailable']]);
    });
  }

  OP.start();
  $('receipt-form').addEventListener('submit', check);
  var given = OP.fragment();
  var wanted = given.get('e');
  if (given.get('r')) {
    $('receipt').value = given.get('r');
  }
  var select = $('election');
  select.appendChild(option('', 'loadingElections'));
  OP.call('GET', 'api/elections').then(function (reply) {
    fillElections(reply.status === 200 && Array.isArray(reply.data) ? reply.data : [], wanted);
    if (reply.status !== 200) {
      answer('notice', null, [['unavailable']]);
      return;
    }
    if (wanted && given.get('r')) {
      check();
    }
  });
}());
